using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Letters;

/// <summary>
/// How a debt stream's bill becomes a letter: the stream reads its bill and composes the notice's content, and
/// Letters lays it out, renders, stores and prints it. Council Tax's demand notice is the first; a composition root
/// registers each stream's in <see cref="BillNotices"/>, so Letters depends on no debt stream.
/// </summary>
public interface IBillNotices
{
    AccountKind Kind { get; }

    /// <summary>The notice for the account's bill for the year as issued on the date: the version given (a print run's) or the one in force.</summary>
    Task<Outcome<DemandNoticeModel>> ComposeAsync(DbConnection connection, Account account, FinancialYear year, int? version, LocalDate issuedOn);
}

/// <summary>The bill notices this process knows, one per account kind, registered at start-up like <see cref="DebtStreams"/>.</summary>
public static class BillNotices
{
    private static readonly ByAccountKind<IBillNotices> Notices = new(n => n.Kind, "bill notice");

    public static void Register(IBillNotices notices) => Notices.Register(notices);

    /// <summary>Reads the account and asks its kind's registered stream for the notice; reads only.</summary>
    public static async Task<Outcome<DemandNoticeModel>> ComposeAsync(
        DbConnection connection, CouncilId council, long accountId, FinancialYear year, LocalDate issuedOn, int? version = null)
    {
        var account = await AccountStore.GetAsync(connection, council, accountId);
        if (account is null)
        {
            return new Outcome<DemandNoticeModel>.NotFound($"account {accountId}");
        }

        return Notices.Find(account.Kind) is { } notices
            ? await notices.ComposeAsync(connection, account, year, version, issuedOn)
            : new Outcome<DemandNoticeModel>.Invalid("account", $"{account.Reference.Value} is a {account.Kind.Title()} account, and no bill notice is registered for that kind");
    }
}
