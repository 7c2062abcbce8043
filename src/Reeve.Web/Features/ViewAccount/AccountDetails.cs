using System.Data.Common;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Properties;

namespace Reeve.Web.Features.ViewAccount;

/// <summary>Everything the account page and GET /api/v1/accounts/{reference} show, read in one go.</summary>
public sealed record AccountDetails(
    Account Account,
    Property? Property,
    IReadOnlyList<AccountDetails.Liable> Parties,
    Money Balance,
    IReadOnlyDictionary<FinancialYear, Money> BalanceByYear,
    IReadOnlyList<AccountDetails.Line> Ledger,
    IReadOnlyList<AccountEvent> Events)
{
    public sealed record Liable(long PartyId, string Name, string Role, NodaTime.LocalDate LiableFrom, NodaTime.LocalDate? LiableTo);

    /// <summary>A ledger line with the balance after it, and the entry that reversed it if any.</summary>
    public sealed record Line(PostedEntry Entry, Money RunningBalance, long? ReversedBy)
    {
        public bool CanBeReversed => Entry.Kind != EntryKind.Reversal && ReversedBy is null;
    }

    public static async Task<AccountDetails?> LoadAsync(DbConnection connection, CouncilId council, AccountReference reference)
    {
        var account = await AccountStore.FindByReferenceAsync(connection, council, reference);
        if (account is null)
        {
            return null;
        }

        var property = account.Uprn is { } uprn ? await PropertyStore.GetAsync(connection, council, uprn) : null;
        var parties = await LiablePartiesAsync(connection, council, account.AccountId);
        var entries = await ReadAccountLedger.EntriesAsync(connection, council, account.AccountId);
        var reversedBy = entries.Where(e => e.ReversesEntryId is not null).ToDictionary(e => e.ReversesEntryId!.Value, e => e.EntryId);
        var lines = Balances.WithRunningBalance(entries)
            .Select(l => new Line(l.Entry, l.RunningBalance, reversedBy.TryGetValue(l.Entry.EntryId, out var by) ? by : null))
            .ToList();
        var events = await AccountEvents.ForAccountAsync(connection, council, account.AccountId);
        return new AccountDetails(account, property, parties, Balances.Of(entries), Balances.ByYear(entries), lines, events);
    }

    public static async Task<IReadOnlyList<Liable>> LiablePartiesAsync(DbConnection connection, CouncilId council, long accountId)
    {
        var liable = new List<Liable>();
        foreach (var p in await AccountStore.PartiesAsync(connection, council, accountId))
        {
            var party = await PartyReader.GetAsync(connection, council, p.PartyId);
            liable.Add(new Liable(p.PartyId, party?.DisplayName ?? $"Party {p.PartyId}", p.Role, p.LiableFrom, p.LiableTo));
        }

        return liable;
    }
}
