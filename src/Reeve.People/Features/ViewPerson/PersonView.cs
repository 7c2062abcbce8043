using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Properties;

namespace Reeve.People;

/// <summary>One account a person is (or was) liable on, its balance by financial year, and the recovery stage it reached.</summary>
public sealed record PersonAccount(
    Account Account, AccountParty Liability, string? Property, Money Balance,
    IReadOnlyList<(FinancialYear Year, Money Balance)> Years, AccountEvent? RecoveryStage);

/// <summary>Everything on the person page, read with one query per kind of thing however many accounts there are.</summary>
public sealed record PersonView(
    IReadOnlyList<PersonAccount> Accounts,
    IReadOnlyList<AccountHold> Holds,
    IReadOnlyList<AccountEvent> Timeline,
    IReadOnlyList<Arrangement> Arrangements,
    IReadOnlyList<VulnerabilityFlag> Vulnerability,
    int VulnerabilityHidden,
    IReadOnlyList<Signposting> Signposting,
    IReadOnlyList<BreathingSpace> BreathingSpaces,
    IncomeAndExpenditure? LatestIncomeAndExpenditure,
    long? MergedInto,
    IReadOnlyList<long> MergedFrom);

/// <summary>
/// Reads the person page. The person's liabilities come from the Ledger, then every read is over that set of accounts
/// through its owner's query (accounts, balances by year, holds and events from the Ledger, addresses from
/// Properties), never one query per account, so 20 accounts with 5 years of history cost the same handful of round
/// trips as one.
/// </summary>
public static class PersonAccounts
{
    /// <summary>Event kinds that mark a step of recovery; the latest one is the stage shown.</summary>
    public static readonly string[] RecoveryKinds =
        ["reminder", "second-reminder", "final-notice", "summons", "liability-order", "enforcement-referral", "attachment-of-earnings", "arrangement-broken"];

    private static async Task<IReadOnlyList<long>> AccountIdsAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx) =>
        (await AccountStore.OfPartiesAsync(connection, council, [partyId], tx)).Select(l => l.AccountId).Distinct().ToList();

    public static async Task<IReadOnlyList<PersonAccount>> LoadAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null)
    {
        var liabilities = await AccountStore.OfPartiesAsync(connection, council, [partyId], tx);
        var ids = liabilities.Select(l => l.AccountId).Distinct().ToList();
        var accounts = await AccountStore.GetManyAsync(connection, council, ids, tx);
        var properties = await PropertyStore.GetManyAsync(connection, council, accounts.Values.Select(a => a.Uprn).OfType<long>().Distinct().ToList(), tx);
        var money = await AccountMoney.ForAccountsAsync(connection, council, ids, tx);
        var stages = (await AccountEvents.ForAccountsAsync(connection, council, ids, kinds: RecoveryKinds, kindPrefix: "recovery-", tx: tx))
            .GroupBy(e => e.AccountId).ToDictionary(g => g.Key, g => g.First());
        return liabilities
            .Where(l => accounts.ContainsKey(l.AccountId))
            .Select(l => (Liability: l, Account: accounts[l.AccountId]))
            .OrderBy(l => l.Liability.LiableFrom).ThenBy(l => l.Account.Reference.Value, StringComparer.Ordinal)
            .Select(l =>
            {
                var byYear = money[l.Account.AccountId].ByYear.OrderByDescending(y => y.Year.StartYear).Select(y => (y.Year, y.Balance)).ToList();
                var property = l.Account.Uprn is { } uprn && properties.TryGetValue(uprn, out var p) ? $"{p.Line1}, {p.Postcode}" : null;
                return new PersonAccount(l.Account, l.Liability, property, Money.Sum(byYear.Select(y => y.Balance)), byYear, stages.GetValueOrDefault(l.Account.AccountId));
            })
            .ToList();
    }

    /// <summary>The accounts a person owes on now, as debts an arrangement may cover.</summary>
    public static async Task<IReadOnlyList<CoveredDebt>> OwedAsync(DbConnection connection, CouncilId council, long partyId, LocalDate today, DbTransaction? tx = null) =>
        (await LoadAsync(connection, council, partyId, tx))
            .Where(a => a.Balance.IsPositive)
            .GroupBy(a => a.Account.AccountId).Select(g => g.First())
            .Select(a => new CoveredDebt(
                a.Account.AccountId, a.Account.Reference.Value, a.Balance,
                OngoingLiability: (a.Account.ClosedOn is null || a.Account.ClosedOn >= today) && (a.Liability.LiableTo is null || a.Liability.LiableTo >= today),
                Priority: a.Account.Kind == AccountKind.CouncilTax))
            .ToList();

    public static async Task<IReadOnlyList<AccountHold>> HoldsAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null) =>
        await AccountHolds.ForAccountsAsync(connection, council, await AccountIdsAsync(connection, council, partyId, tx), tx);

    /// <summary>The person's accounts' events, newest first; <paramref name="limit"/> 0 for all.</summary>
    public static async Task<IReadOnlyList<AccountEvent>> EventsAsync(DbConnection connection, CouncilId council, long partyId, int limit, DbTransaction? tx = null) =>
        await AccountEvents.ForAccountsAsync(connection, council, await AccountIdsAsync(connection, council, partyId, tx), limit, tx: tx);

    /// <summary>The whole person page. <paramref name="viewerRank"/> says which vulnerability flags the viewer may see.</summary>
    public static async Task<PersonView> ViewAsync(DbConnection connection, CouncilId council, long partyId, int viewerRank)
    {
        var accounts = await LoadAsync(connection, council, partyId);
        var ids = accounts.Select(a => a.Account.AccountId).Distinct().ToList();
        var holds = await AccountHolds.ForAccountsAsync(connection, council, ids);
        var timeline = await AccountEvents.ForAccountsAsync(connection, council, ids, 100);
        var flags = await Vulnerabilities.ForPartyAsync(connection, council, partyId);
        var visible = flags.Where(f => Vulnerabilities.Rank(f.VisibleTo) <= viewerRank).ToList();
        return new PersonView(
            accounts, holds, timeline, await Arrangements.ForPartyAsync(connection, council, partyId), visible, flags.Count - visible.Count,
            await Vulnerabilities.SignpostingAsync(connection, council, partyId), await BreathingSpaces.ForPartyAsync(connection, council, partyId),
            await IncomeAndExpenditureStore.LatestAsync(connection, council, partyId),
            await LikelyDuplicates.MergedIntoAsync(connection, council, partyId),
            (await connection.QueryAsync<long>("select party_id from party where council_id = @council and merged_into = @partyId order by party_id",
                new { council = council.Value, partyId })).ToList());
    }
}
