using System.Data.Common;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;

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

    /// <summary>Runs in the caller's transaction, which the caller commits with its audit row when the outcome is done.</summary>
    public static async Task<Outcome<Result>> RequestAsync(DbConnection connection, DbTransaction tx, CouncilId council, long accountId, string officer, Instant now)
    {
        var today = now.InZone(UkTime.Zone).Date;
        if (await AccountInstalmentTerms.OfAsync(connection, council, accountId, tx) is not { Kind: AccountKind.CouncilTax } account)
        {
            return new Outcome<Result>.NotFound($"council tax account {accountId}");
        }

        if (account.Requested == 12)
        {
            return new Result(true, []);
        }

        await AccountInstalmentTerms.SetRequestedAsync(connection, tx, council, accountId, 12);
        var versions = await BillReissue.ReprofileAsync(connection, tx, council, accountId, today, account.Day, 12, "12 instalments requested",
            "as 12 instalments were requested", Source, officer, now);
        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, today, "instalments-requested",
            "The liable person asked to pay in 12 instalments", officer, Source);
        return new Result(false, versions);
    }
}
