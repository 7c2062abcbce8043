using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Work;

namespace Reeve.People;

/// <summary>
/// The daily duty for Breathing Space (SI 2020/1311): a moratorium whose last day has passed is ended, with why, its
/// holds ended on that last day through the Ledger's holds and a note on each account that recovery may resume the day
/// after; and a moratorium ending within <see cref="CheckWorkingDays"/> working days is on the Recovery team's queue, so
/// an officer checks the debtor's position before recovery resumes. The item closes when the moratorium ends (here, or
/// cancelled by an officer). A standard moratorium's last day is day 60; a mental health crisis one's is 30 days after
/// the crisis treatment ends, known once an officer records that day (until then it has no end to pass).
/// </summary>
public sealed class BreathingSpaceEnds : IDailyDuty
{
    public const string WorkSource = "people.breathing-space-end";

    /// <summary>How many working days before its last day a moratorium goes on the queue.</summary>
    public const int CheckWorkingDays = 5;

    public string Name => "Breathing Space ends";

    public static string WorkKey(long moratoriumId) => moratoriumId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a moratorium in force with this last day is one for an officer to check today.</summary>
    public static bool DueForCheck(LocalDate lastDay, LocalDate today) =>
        today <= lastDay && today >= WorkingDays.EnglandAndWales.AddWorkingDays(lastDay, -CheckWorkingDays);

    public static WorkToRaise WorkFor(long moratoriumId, long partyId, string reference, string name, LocalDate lastDay) => new(
        WorkSource, WorkKey(moratoriumId), "Breathing Space ending",
        $"Breathing Space {reference} for {name} ends on {DateText.LongForm.Format(lastDay)}: check the debtor's position before recovery resumes",
        WorkTeams.Recovery, lastDay, WorkClock.CalendarDays, PartyId: partyId);

    public async Task<string?> RunAsync(DbConnection connection, DutyDay day, CancellationToken ct)
    {
        var ended = 0;
        foreach (var space in await InForceAsync(connection, day.Council, null, "end_date < @today", day.Today))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await EndAsync(connection, tx, day, space);
            await tx.CommitAsync(ct);
            ended++;
        }

        int raised;
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            var due = await EndingSoonAsync(connection, tx, day.Council, day.Today);
            await WorkQueue.RaiseManyAsync(connection, tx, day.Council, due, day.Now, ct);
            await WorkQueue.CloseAllExceptAsync(connection, tx, day.Council, WorkSource, due.Select(d => d.Key).ToList(), day.Now);
            await tx.CommitAsync(ct);
            raised = due.Count;
        }

        string?[] said =
        [
            ended == 0 ? null : ended == 1 ? "1 moratorium past its last day ended" : $"{ended} moratoriums past their last day ended",
            raised == 0 ? null : $"{(raised == 1 ? "1 moratorium" : $"{raised} moratoriums")} ending within {CheckWorkingDays} working days on the queue",
        ];
        return said.Any(s => s is not null) ? string.Join("; ", said.OfType<string>()) : null;
    }

    private static async Task EndAsync(DbConnection connection, DbTransaction tx, DutyDay day, InForce space)
    {
        var why = $"{(space.Kind == "standard" ? "Standard Breathing Space: day 60" : "Mental health crisis Breathing Space: 30 days after the crisis treatment ended")} " +
            $"was {DateText.LongForm.Format(space.EndDate)}; ended by the daily check on {DateText.LongForm.Format(day.Today)}";
        var outcome = await BreathingSpaces.EndAsync(connection, tx, day.Council, space.MoratoriumId, space.EndDate, false, space.TreatmentEndedOn, day.Actor, day.Now, why);
        if (outcome is not Outcome<BreathingSpace>.Done)
        {
            throw new InvalidOperationException($"Breathing Space {space.Reference} could not be ended: {outcome}");
        }

        foreach (var hold in await AccountHolds.BySourcePrefixAsync(connection, tx, day.Council, BreathingSpaces.HoldKeyPrefix(space.MoratoriumId)))
        {
            await AccountEvents.RecordAsync(connection, tx, day.Council, hold.AccountId, day.Now, space.EndDate.PlusDays(1), "breathing-space-ended",
                $"Breathing Space {space.Reference} ended on {DateText.LongForm.Format(space.EndDate)}: recovery may resume from {DateText.LongForm.Format(space.EndDate.PlusDays(1))}",
                day.Actor, BreathingSpaces.Source);
        }
    }

    private static async Task<IReadOnlyList<WorkToRaise>> EndingSoonAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
        (await InForceAsync(connection, council, tx, "end_date >= @today and end_date <= @soon", today))
        .Where(s => s.PartyId is not null && DueForCheck(s.EndDate, today))
        .Select(s => WorkFor(s.MoratoriumId, s.PartyId!.Value, s.Reference, s.NotifiedName, s.EndDate))
        .ToList();

    // A moratorium in force: matched to a person and not ended or cancelled, with a last day known.
    private static async Task<IReadOnlyList<InForce>> InForceAsync(DbConnection connection, CouncilId council, DbTransaction? tx, string when, LocalDate today) =>
        (await connection.QueryAsync<InForce>(
            "select moratorium_id as MoratoriumId, party_id as PartyId, kind as Kind, reference as Reference, end_date as EndDate, " +
            "treatment_ended_on as TreatmentEndedOn, notified_name as NotifiedName from breathing_space " +
            $"where council_id = @council and status = 'active' and end_date is not null and {when} order by end_date, moratorium_id",
            // Five working days back never spans more than three weeks, even over Christmas and Easter.
            new { council = council.Value, today, soon = today.PlusDays(21) }, tx)).ToList();

    /// <summary>The moratoriums already ending soon when the queue arrived.</summary>
    public sealed class Backfill : IWorkBackfill
    {
        public string Source => WorkSource;

        public Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            EndingSoonAsync(connection, tx, council, today);
    }

    private sealed class InForce
    {
        public long MoratoriumId { get; set; }
        public long? PartyId { get; set; }
        public string Kind { get; set; } = "";
        public string Reference { get; set; } = "";
        public LocalDate EndDate { get; set; }
        public LocalDate? TreatmentEndedOn { get; set; }
        public string NotifiedName { get; set; } = "";
    }
}
