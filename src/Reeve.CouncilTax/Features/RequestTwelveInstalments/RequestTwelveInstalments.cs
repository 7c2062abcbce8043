using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// The liable person's right to pay in 12 monthly instalments (CTAE Regs 1992 reg 21(1A)-(1D), Sch 1 para 2(3A)).
/// The request is kept on the account, so later bills are planned with it, and each bill for this year or a later
/// one is issued again with the same amount and re-profiled instalments: those already due, or due within 14 days,
/// stand, and the rest is spread under the scheme for 12 for a notice issued today. The charge is unchanged, so
/// nothing is posted to the ledger; the new version keeps the charge entry of the one it replaces.
/// </summary>
public static class RequestTwelveInstalments
{
    public const string Source = "CTAE Regs 1992 reg 21(1A) and Sch 1 para 2(3A)";

    public sealed record Result(bool AlreadyRequested, IReadOnlyList<BillVersion> NewVersions);

    public static async Task<Outcome<Result>> RequestAsync(ReeveDatabase db, CouncilId council, long accountId, string officer, Instant now)
    {
        var today = now.InZone(UkTime.Zone).Date;
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var a = await connection.QuerySingleOrDefaultAsync<AccountRow>(
            "select instalment_day as Day, instalments_requested as Requested from account where council_id = @council and account_id = @accountId and kind = 'council-tax'",
            new { council = council.Value, accountId }, tx);
        if (a is null)
        {
            return new Outcome<Result>.NotFound($"council tax account {accountId}");
        }

        if (a.Requested == 12)
        {
            return new Result(true, []);
        }

        await connection.ExecuteAsync(
            "update account set instalments_requested = 12 where council_id = @council and account_id = @accountId",
            new { council = council.Value, accountId }, tx);
        var versions = await BillReissue.ReprofileAsync(connection, tx, council, accountId, today, a.Day, 12, "12 instalments requested",
            "as 12 instalments were requested", Source, officer, now);
        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, today, "instalments-requested",
            "The liable person asked to pay in 12 instalments", officer, Source);
        await tx.CommitAsync();
        return new Result(false, versions);
    }

    private sealed class AccountRow
    {
        public int Day { get; set; }
        public int? Requested { get; set; }
    }
}
