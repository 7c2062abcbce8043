#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Recovery;

/// <summary>
/// A liability order the magistrates made on an account's year (CTAE Regs 1992 reg 34(6); NNDR Regs 1989 reg 12(5)): its id
/// (the court outcome that recorded it), the day, the court, the sum the summons was for and the costs (the summons costs and
/// the order's own). <see cref="Total"/> is what the order allows the council to enforce.
/// </summary>
public sealed record LiabilityOrder(long OrderId, long AccountId, FinancialYear Year, LocalDate MadeOn, string Court, Money Sum, Money Costs)
{
    public Money Total => Sum + Costs;
}

/// <summary>
/// Recovery's owner query for the orders it recorded, for the modules that act on them after the hearing (Enforcement): only
/// outcomes that are liability orders and still the newest outcome for their summons.
/// </summary>
public static class LiabilityOrders
{
    private const string Select =
        "select o.outcome_id, n.account_id, n.financial_year, o.decided_on, s.court, n.amount_pence, n.costs_pence + o.costs_pence as costs_pence " +
        "from court_outcome o join recovery_notice n on n.council_id = o.council_id and n.notice_id = o.notice_id " +
        "join court_session s on s.council_id = n.council_id and s.session_id = n.session_id " +
        "where o.council_id = @council and o.outcome = 'liability-order' " +
        "and not exists (select 1 from court_outcome later where later.council_id = o.council_id and later.notice_id = o.notice_id and later.outcome_id > o.outcome_id) ";

    /// <summary>The orders on any of these accounts, oldest first.</summary>
    public static async Task<IReadOnlyList<LiabilityOrder>> ForAccountsAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> accountIds, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<Row, long>(connection, Select + "and n.account_id {ids}", council, accountIds, tx))
        .Select(r => r.ToOrder()).OrderBy(o => o.MadeOn).ThenBy(o => o.OrderId).ToList();

    /// <summary>One order by its id, or null when there is none (or the outcome was not, or is no longer, a liability order).</summary>
    public static async Task<LiabilityOrder?> GetAsync(DbConnection connection, CouncilId council, long orderId, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Select + "and o.outcome_id = @orderId", new { council = council.Value, orderId }, tx))?.ToOrder();

    private sealed class Row
    {
        public long outcome_id { get; set; }
        public long account_id { get; set; }
        public int financial_year { get; set; }
        public LocalDate decided_on { get; set; }
        public string court { get; set; } = "";
        public long amount_pence { get; set; }
        public long costs_pence { get; set; }

        public LiabilityOrder ToOrder() => new(outcome_id, account_id, new FinancialYear(financial_year), decided_on, court,
            Money.FromPence(amount_pence), Money.FromPence(costs_pence));
    }
}
