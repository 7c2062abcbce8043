using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.CouncilTax;

/// <summary>
/// The day of the month instalments fall due, chosen to suit how the person pays: a Direct Debit payer picks a
/// collection day near their payday, a cash payer usually keeps the 1st. The regulations leave the day to the
/// council (CTAE Regs 1992 Sch 1 para 1 and 2 fix the number and amounts, not the day); days 29 to 31 are not
/// offered because not every month has them. The day is kept on the account for later bills, and this year's and
/// later bills are issued again with their unpaid instalments moved to the new day.
/// </summary>
public static class ChooseInstalmentDay
{
    public const string Source = "CTAE Regs 1992 reg 21 and Sch 1 Part I (instalments); due day set by the council";

    public sealed record Result(int Day, bool Unchanged, IReadOnlyList<BillVersion> NewVersions);

    /// <summary>Runs in the caller's transaction, which the caller commits with its audit row when the outcome is done.</summary>
    public static async Task<Outcome<Result>> ChooseAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long accountId, int day, string officer, Instant now)
    {
        if (day is < 1 or > 28)
        {
            return new Outcome<Result>.Invalid("day", "Choose a day from 1 to 28, so that every month has it");
        }

        var today = now.InZone(UkTime.Zone).Date;
        if (await AccountInstalmentTerms.OfAsync(connection, council, accountId, tx) is not { Kind: AccountKind.CouncilTax } account)
        {
            return new Outcome<Result>.NotFound($"council tax account {accountId}");
        }

        if (account.Day == day)
        {
            return new Result(day, true, []);
        }

        await AccountInstalmentTerms.SetDayAsync(connection, tx, council, accountId, day);
        var versions = await BillReissue.ReprofileAsync(connection, tx, council, accountId, today, day, account.Requested,
            $"Instalments moved to day {day}", $"due on day {day} of the month", Source, officer, now);
        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, today, "instalment-day",
            $"Instalments now fall due on day {day} of each month (was day {account.Day})", officer, Source);
        return new Result(day, false, versions);
    }
}
