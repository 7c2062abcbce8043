#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

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
/// Reads the person page. Every query is over the set of the person's accounts (the account_party index), never one
/// query per account, so 20 accounts with 5 years of history cost the same handful of round trips as one.
/// </summary>
public static class PersonAccounts
{
    /// <summary>Event kinds that mark a step of recovery; the latest one is the stage shown.</summary>
    public static readonly string[] RecoveryKinds =
        ["reminder", "second-reminder", "final-notice", "summons", "liability-order", "enforcement-referral", "attachment-of-earnings", "arrangement-broken"];

    private const string PersonAccountIds = "select ap.account_id from account_party ap where ap.council_id = @council and ap.party_id = @partyId";

    // The person's account ids written into the statement: a person has tens of accounts, and a literal list gives
    // both engines' planners the exact keys to probe the (council, account) indexes with, where a sub-select can
    // lead PostgreSQL's planner to scan a million-row table.
    private static string IdList(IEnumerable<long> ids) =>
        ids.Distinct().ToList() is { Count: > 0 } list ? string.Join(", ", list.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) : "null";

    private static async Task<string> IdListAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx) =>
        IdList(await connection.QueryAsync<long>(PersonAccountIds, new { council = council.Value, partyId }, tx));

    public static async Task<IReadOnlyList<PersonAccount>> LoadAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null)
    {
        var args = new { council = council.Value, partyId };
        var links = (await connection.QueryAsync<AccountRow>(
            "select a.account_id, a.reference, a.kind, a.uprn, a.opened_on, a.closed_on, a.payment_method, a.version, ap.role, ap.liable_from, ap.liable_to, " +
            "p.address_line1 || ', ' || p.postcode as property from account_party ap " +
            "join account a on a.council_id = ap.council_id and a.account_id = ap.account_id " +
            "left join property p on p.council_id = a.council_id and p.uprn = a.uprn " +
            "where ap.council_id = @council and ap.party_id = @partyId order by ap.liable_from, a.reference", args, tx)).ToList();
        var ids = IdList(links.Select(l => l.account_id));
        var years = (await connection.QueryAsync<YearRow>(
            "select account_id, financial_year, sum(case when debit_book = 'debtors' then amount_pence when credit_book = 'debtors' then -amount_pence else 0 end) as balance " +
            "from ledger_entry where council_id = @council and account_id in (" + ids + ") group by account_id, financial_year", args, tx))
            .ToLookup(y => y.account_id);
        var stages = (await EventsAsync(connection, council, ids,
                "and (e.kind like 'recovery-%' or e.kind in (" + string.Join(", ", RecoveryKinds.Select(k => "'" + k + "'")) + "))", 0, tx))
            .GroupBy(e => e.AccountId).ToDictionary(g => g.Key, g => g.First());
        return links.Select(l =>
        {
            var byYear = years[l.account_id].OrderByDescending(y => y.financial_year)
                .Select(y => (new FinancialYear(y.financial_year), Money.FromPence(y.balance))).ToList();
            return new PersonAccount(l.ToAccount(council), l.ToLiability(partyId), l.property, Money.Sum(byYear.Select(y => y.Item2)), byYear,
                stages.GetValueOrDefault(l.account_id));
        }).ToList();
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
        await HoldsAsync(connection, council, await IdListAsync(connection, council, partyId, tx), tx);

    private static async Task<IReadOnlyList<AccountHold>> HoldsAsync(DbConnection connection, CouncilId council, string ids, DbTransaction? tx) =>
        (await connection.QueryAsync<HoldRow>(
            "select hold_id, account_id, reason, hold_from, hold_to, note, placed_by, placed_at, source_key, ended_by from account_hold " +
            "where council_id = @council and account_id in (" + ids + ") order by hold_from desc, hold_id desc",
            new { council = council.Value }, tx))
        .Select(r => new AccountHold(r.hold_id, r.account_id, HoldReasons.FromCode(r.reason) ?? HoldReason.Officer, r.hold_from,
            r.hold_to, r.note, r.placed_by, r.placed_at, r.source_key, r.ended_by))
        .ToList();

    /// <summary>The person's accounts' events, newest first; <paramref name="limit"/> 0 for all.</summary>
    public static async Task<IReadOnlyList<AccountEvent>> EventsAsync(DbConnection connection, CouncilId council, long partyId, int limit, DbTransaction? tx = null) =>
        await EventsAsync(connection, council, await IdListAsync(connection, council, partyId, tx), "", limit, tx);

    private static async Task<IReadOnlyList<AccountEvent>> EventsAsync(DbConnection connection, CouncilId council, string ids, string filter, int limit, DbTransaction? tx)
    {
        var rows = await connection.QueryAsync<EventRow>(
            "select e.event_id, e.account_id, e.occurred_at, e.effective_date, e.kind, e.summary, e.officer, e.source_rule from account_event e " +
            "where e.council_id = @council and e.account_id in (" + ids + ") " + filter +
            " order by e.occurred_at desc, e.event_id desc" + (limit > 0 ? " limit " + limit.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
            new { council = council.Value }, tx);
        return rows.Select(r => new AccountEvent(r.event_id, r.account_id, r.occurred_at, r.effective_date,
            r.kind, r.summary, r.officer, r.source_rule)).ToList();
    }

    /// <summary>The whole person page. <paramref name="viewerRank"/> says which vulnerability flags the viewer may see.</summary>
    public static async Task<PersonView> ViewAsync(DbConnection connection, CouncilId council, long partyId, int viewerRank)
    {
        var accounts = await LoadAsync(connection, council, partyId);
        var ids = IdList(accounts.Select(a => a.Account.AccountId));
        var holds = await HoldsAsync(connection, council, ids, null);
        var timeline = await EventsAsync(connection, council, ids, "", 100, null);
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

    private sealed class AccountRow
    {
        public long account_id { get; set; }
        public string reference { get; set; } = "";
        public string kind { get; set; } = "";
        public long? uprn { get; set; }
        public LocalDate opened_on { get; set; }
        public LocalDate? closed_on { get; set; }
        public string payment_method { get; set; } = "";
        public int version { get; set; }
        public string role { get; set; } = "";
        public LocalDate liable_from { get; set; }
        public LocalDate? liable_to { get; set; }
        public string? property { get; set; }

        public Account ToAccount(CouncilId council) => new(
            council, account_id, AccountReference.TryParse(reference, out var r, out var error) ? r : throw new InvalidOperationException(error),
            AccountKinds.FromCode(kind), uprn, opened_on, closed_on, payment_method, version);

        public AccountParty ToLiability(long partyId) => new(account_id, partyId, role, liable_from,
            liable_to);
    }

    private sealed class HoldRow
    {
        public long hold_id { get; set; }
        public long account_id { get; set; }
        public string reason { get; set; } = "";
        public LocalDate hold_from { get; set; }
        public LocalDate? hold_to { get; set; }
        public string note { get; set; } = "";
        public string placed_by { get; set; } = "";
        public Instant placed_at { get; set; }
        public string? source_key { get; set; }
        public string? ended_by { get; set; }
    }

    private sealed class YearRow
    {
        public long account_id { get; set; }
        public int financial_year { get; set; }
        public long balance { get; set; }
    }

    private sealed class EventRow
    {
        public long event_id { get; set; }
        public long account_id { get; set; }
        public Instant occurred_at { get; set; }
        public LocalDate effective_date { get; set; }
        public string kind { get; set; } = "";
        public string summary { get; set; } = "";
        public string officer { get; set; } = "";
        public string? source_rule { get; set; }
    }
}
