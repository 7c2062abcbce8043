#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>
/// A step the recovery run recorded on an account's year: the notice the letters module prints (its kind, account,
/// date and sums), or the day the right to instalments was lost, with the rule that made it due.
/// </summary>
public sealed record RecoveryNotice(
    long NoticeId, long AccountId, string Reference, FinancialYear Year, string Step, LocalDate Date, Money Amount, Money Costs,
    LocalDate? PayBy, string? Court, LocalDate? Hearing, string Source, string Explanation, long? RunId, string? Outcome)
{
    public string Title => RecoverySteps.FromCode(Step)?.Title() ?? Step;
}

/// <summary>How many notices or steps of one kind a run recorded, and their amounts and costs.</summary>
public sealed record StepTotal(string Step, int Notices, Money Amount, Money Costs)
{
    public string Title => RecoverySteps.FromCode(Step)?.Title() ?? Step;
}

/// <summary>The notices and steps the run recorded, with each account's reference from the Ledger.</summary>
public static class RecoveryNotices
{
    private const string Select =
        "select n.notice_id, n.account_id, n.financial_year, n.step, n.notice_date, n.amount_pence, n.costs_pence, n.pay_by, " +
        "s.court, s.session_date, n.source_rule, n.explanation, n.run_id, " +
        "(select o.outcome from court_outcome o where o.council_id = n.council_id and o.notice_id = n.notice_id order by o.outcome_id desc limit 1) as outcome " +
        "from recovery_notice n left join court_session s on s.council_id = n.council_id and s.session_id = n.session_id ";

    public static async Task<IReadOnlyList<RecoveryNotice>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId) =>
        await WithReferencesAsync(connection, council, await connection.QueryAsync<Row>(
            Select + "where n.council_id = @council and n.account_id = @accountId order by n.financial_year desc, n.notice_date, n.notice_id",
            new { council = council.Value, accountId }));

    /// <summary>One page of a run's notices in account order, only those of <paramref name="step"/> when one is given, with the count of all.</summary>
    public static async Task<ResultPage<RecoveryNotice>> ForRunPageAsync(
        DbConnection connection, CouncilId council, long runId, string? step, int pageNumber, int pageSize)
    {
        var filter = "where n.council_id = @council and n.run_id = @runId" + (string.IsNullOrEmpty(step) ? "" : " and n.step = @step");
        var args = new { council = council.Value, runId, step, limit = pageSize, offset = ResultPage.Offset(pageNumber, pageSize) };
        var total = await connection.ExecuteScalarAsync<long>("select count(*) from recovery_notice n " + filter, args);
        var rows = await connection.QueryAsync<Row>(Select + filter + " order by n.account_id, n.financial_year, n.notice_id limit @limit offset @offset", args);
        return new ResultPage<RecoveryNotice>(await WithReferencesAsync(connection, council, rows), (int)total, Math.Max(1, pageNumber), pageSize);
    }

    /// <summary>A run's notices and steps by kind: how many, and their amounts and costs in all.</summary>
    public static async Task<IReadOnlyList<StepTotal>> TotalsForRunAsync(DbConnection connection, CouncilId council, long runId) =>
        (await connection.QueryAsync<TotalRow>(
            "select step, count(*) as notices, coalesce(sum(amount_pence), 0) as amount_pence, coalesce(sum(costs_pence), 0) as costs_pence " +
            "from recovery_notice where council_id = @council and run_id = @runId group by step order by step",
            new { council = council.Value, runId }))
        .Select(r => new StepTotal(r.step, (int)r.notices, Money.FromPence(r.amount_pence), Money.FromPence(r.costs_pence))).ToList();

    private sealed class TotalRow
    {
        public string step { get; set; } = "";
        public long notices { get; set; }
        public long amount_pence { get; set; }
        public long costs_pence { get; set; }
    }

    private static async Task<IReadOnlyList<RecoveryNotice>> WithReferencesAsync(DbConnection connection, CouncilId council, IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        var accounts = await AccountStore.GetManyAsync(connection, council, list.Select(r => r.account_id).Distinct().ToList());
        return list.Select(r => r.ToNotice(accounts.TryGetValue(r.account_id, out var a) ? a.Reference.Value : "")).ToList();
    }

    private sealed class Row
    {
        public long notice_id { get; set; }
        public long account_id { get; set; }
        public int financial_year { get; set; }
        public string step { get; set; } = "";
        public LocalDate notice_date { get; set; }
        public long amount_pence { get; set; }
        public long costs_pence { get; set; }
        public LocalDate? pay_by { get; set; }
        public string? court { get; set; }
        public LocalDate? session_date { get; set; }
        public string source_rule { get; set; } = "";
        public string explanation { get; set; } = "";
        public long? run_id { get; set; }
        public string? outcome { get; set; }

        public RecoveryNotice ToNotice(string reference) => new(notice_id, account_id, reference, new FinancialYear(financial_year), step, notice_date,
            Money.FromPence(amount_pence), Money.FromPence(costs_pence), pay_by, court,
            session_date, source_rule, explanation, run_id, outcome);
    }
}
