using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Properties;

namespace Reeve.CouncilTax;

/// <summary>
/// What every change to a dwelling's council tax facts shares: the dwelling must be on the list, the change is
/// written and checked with the dwelling's other facts, then every affected bill is worked out again. It runs in
/// the caller's transaction and commits nothing: the caller commits when the outcome is done, together with its
/// audit row, so a refused change leaves nothing behind.
/// </summary>
internal static class DwellingChange
{
    public static Task<Outcome<RebillDwelling.Result>> ApplyAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, LocalDate effective, string reason, string officer, Instant now,
        Func<Task> write) =>
        ApplyAsync(connection, tx, council, uprn, effective, reason, officer, now, async () =>
        {
            await write();
            return ((string, string)?)null;
        });

    /// <param name="write">Writes the change, or returns the field and message of a refusal.</param>
    public static async Task<Outcome<RebillDwelling.Result>> ApplyAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, LocalDate effective, string reason, string officer, Instant now,
        Func<Task<(string Field, string Message)?>> write)
    {
        if (await PropertyStore.GetAsync(connection, council, uprn, tx) is null)
        {
            return new Outcome<RebillDwelling.Result>.NotFound($"dwelling with UPRN {uprn}");
        }

        if (await write() is { } refused)
        {
            return new Outcome<RebillDwelling.Result>.Invalid(refused.Field, refused.Message);
        }

        return await RebillDwelling.RebillAsync(connection, tx, council, uprn, IssueDate(now, effective), reason, officer, now, FinancialYear.Containing(effective));
    }

    // A bill is issued on the day the change is recorded, or on the effective date when that is later (a change recorded in advance).
    private static LocalDate IssueDate(Instant now, LocalDate effective)
    {
        var recorded = now.InZone(UkTime.Zone).Date;
        return recorded > effective ? recorded : effective;
    }

    public static Task<Outcome<RebillDwelling.Result>> Refused(string field, string message) =>
        Task.FromResult<Outcome<RebillDwelling.Result>>(new Outcome<RebillDwelling.Result>.Invalid(field, message));
}
