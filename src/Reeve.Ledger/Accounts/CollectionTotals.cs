#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>
/// The ledger's movements on one kind of account summed by financial year and effective day, for collection figures
/// and government returns. "Debit" is what was charged, net: entries between the debtors and income books (charges and
/// adjustments, and reversals of them). "Receipts" is money in, net: entries between the debtors and cash books
/// (payments, less refunds and reversed payments). Costs, write-offs and transfers are in neither.
/// </summary>
public static class CollectionTotals
{
    public sealed record DayTotal(FinancialYear Year, LocalDate Day, Money Debit, Money Receipts);

    /// <summary>One outstanding financial year of one account.</summary>
    public sealed record OwedYear(long AccountId, FinancialYear Year, Money Balance);

    internal static readonly string DebitSql =
        $"case when l.debit_book = {(int)Book.Debtors} and l.credit_book = {(int)Book.Income} then l.amount_pence " +
        $"when l.debit_book = {(int)Book.Income} and l.credit_book = {(int)Book.Debtors} then -l.amount_pence else 0 end";

    internal static readonly string ReceiptsSql =
        $"case when l.debit_book = {(int)Book.Cash} and l.credit_book = {(int)Book.Debtors} then l.amount_pence " +
        $"when l.debit_book = {(int)Book.Debtors} and l.credit_book = {(int)Book.Cash} then -l.amount_pence else 0 end";

    /// <summary>
    /// The kind of an entry's account, looked up by the account's key for each entry of the live range: a short range
    /// costs a few probes, where a join may hash every account of the council first.
    /// </summary>
    private const string KindOfEntrySql =
        "(select a.kind from account a where a.council_id = l.council_id and a.account_id = l.account_id)";

    /// <summary>Only the entries that count as debit or receipts: the rest sum to nothing in both.</summary>
    internal static readonly string CountedSql =
        $"((l.debit_book = {(int)Book.Debtors} and l.credit_book = {(int)Book.Income}) or (l.debit_book = {(int)Book.Income} and l.credit_book = {(int)Book.Debtors}) " +
        $"or (l.debit_book = {(int)Book.Cash} and l.credit_book = {(int)Book.Debtors}) or (l.debit_book = {(int)Book.Debtors} and l.credit_book = {(int)Book.Cash}))";

    /// <summary>
    /// Debit and receipts by financial year and effective day, for entries effective from <paramref name="from"/> to
    /// <paramref name="to"/> (both inclusive), on the council's accounts of <paramref name="kind"/>; only the financial
    /// years given when <paramref name="years"/> is not null. Days with no movement are absent.
    /// <para>
    /// Read from <see cref="CollectionSummary"/>'s rows plus the live entries above its watermark, in one statement (one
    /// snapshot) that also returns the watermark it saw: if a refresh moved it since it was read, the read is made again,
    /// so no entry is counted twice or missed. The result is the plain sum of the ledger (<see cref="ByDayFromLedgerAsync"/>).
    /// </para>
    /// </summary>
    public static async Task<IReadOnlyList<DayTotal>> ByDayAsync(
        DbConnection connection, CouncilId council, AccountKind kind, LocalDate from, LocalDate to,
        IReadOnlyCollection<int>? years = null, DbTransaction? tx = null)
    {
        var args = new DynamicParameters(new { council = council.Value, kind = kind.Code(), from, to, years = years?.ToArray() });
        var summaryYears = years is null ? "" : " and s.financial_year " + SqlLists.AnyOf(connection, "years");
        var ledgerYears = years is null ? "" : " and l.financial_year " + SqlLists.AnyOf(connection, "years");
        var sql =
            "select 0 as part, cast(s.financial_year as integer) as financial_year, s.effective_date as day, s.debit_pence as debit, s.receipts_pence as receipts " +
            "from collection_summary s where s.council_id = @council and s.account_kind = @kind and s.effective_date >= @from and s.effective_date <= @to" + summaryYears +
            " union all " +
            "select 1, cast(l.financial_year as integer), l.effective_date, sum(" + DebitSql + "), sum(" + ReceiptsSql + ") " +
            "from ledger_line l where l.council_id = @council and l.entry_id > @watermark and " + KindOfEntrySql + " = @kind and l.effective_date >= @from and l.effective_date <= @to" + ledgerYears +
            " group by l.financial_year, l.effective_date" +
            " union all " +
            "select 2, 0, null, w.entry_id, 0 from collection_summary_watermark w where w.council_id = @council";
        while (true)
        {
            var watermark = await WatermarkAsync(connection, council, tx);
            args.Add("watermark", watermark);
            var rows = (await connection.QueryAsync<SummedRow>(sql, args, tx)).ToList();
            if ((rows.FirstOrDefault(r => r.part == 2)?.debit ?? 0) != watermark)
            {
                continue;
            }

            return Days(rows.Where(r => r.part != 2).Select(r => new DayRow
            {
                financial_year = r.financial_year, day = r.day!.Value, debit = r.debit, receipts = r.receipts,
            }));
        }
    }

    /// <summary>
    /// The same figures as <see cref="ByDayAsync"/> summed from the whole ledger, as they were before the summary: the
    /// oracle its tests compare against, and the benchmark's "before".
    /// </summary>
    public static async Task<IReadOnlyList<DayTotal>> ByDayFromLedgerAsync(
        DbConnection connection, CouncilId council, AccountKind kind, LocalDate from, LocalDate to,
        IReadOnlyCollection<int>? years = null, DbTransaction? tx = null)
    {
        var yearFilter = years is null ? "" : " and l.financial_year " + SqlLists.AnyOf(connection, "years");
        var rows = await connection.QueryAsync<DayRow>(
            "select cast(l.financial_year as integer) as financial_year, l.effective_date as day, " +
            "sum(" + DebitSql + ") as debit, sum(" + ReceiptsSql + ") as receipts " +
            "from ledger_line l join account a on a.council_id = l.council_id and a.account_id = l.account_id " +
            "where l.council_id = @council and a.kind = @kind and l.effective_date >= @from and l.effective_date <= @to" + yearFilter +
            " group by l.financial_year, l.effective_date order by l.financial_year, l.effective_date",
            new { council = council.Value, kind = kind.Code(), from, to, years = years?.ToArray() }, tx, commandTimeout: 3600);
        return Days(rows);
    }

    private static async Task<long> WatermarkAsync(DbConnection connection, CouncilId council, DbTransaction? tx) =>
        await connection.ExecuteScalarAsync<long?>(
            "select entry_id from collection_summary_watermark where council_id = @council", new { council = council.Value }, tx) ?? 0;

    // Summary rows and live rows of the same day add up; a day whose movements net to nothing in both is left out.
    private static List<DayTotal> Days(IEnumerable<DayRow> rows) =>
        rows.GroupBy(r => (r.financial_year, r.day))
            .Select(g => (g.Key.financial_year, g.Key.day, debit: g.Sum(r => r.debit), receipts: g.Sum(r => r.receipts)))
            .Where(r => r.debit != 0 || r.receipts != 0)
            .OrderBy(r => r.financial_year).ThenBy(r => r.day)
            .Select(r => new DayTotal(new FinancialYear(r.financial_year), r.day, Money.FromPence(r.debit), Money.FromPence(r.receipts)))
            .ToList();

    /// <summary>
    /// Every financial year of every account of <paramref name="kind"/> that still owes money (its balance, from all its
    /// entries effective on or before <paramref name="asAt"/>, is above nothing).
    /// </summary>
    public static async Task<IReadOnlyList<OwedYear>> OwedYearsAsync(
        DbConnection connection, CouncilId council, AccountKind kind, LocalDate asAt, DbTransaction? tx = null)
    {
        var effect = Books.EffectOnAccountSql("l");
        var rows = await connection.QueryAsync<OwedRow>(
            "select l.account_id, cast(l.financial_year as integer) as financial_year, sum(" + effect + ") as balance " +
            "from ledger_line l join account a on a.council_id = l.council_id and a.account_id = l.account_id " +
            "where l.council_id = @council and a.kind = @kind and l.effective_date <= @asAt " +
            "group by l.account_id, l.financial_year having sum(" + effect + ") > 0",
            new { council = council.Value, kind = kind.Code(), asAt }, tx);
        return rows.Select(r => new OwedYear(r.account_id, new FinancialYear(r.financial_year), Money.FromPence(r.balance))).ToList();
    }

    /// <summary>
    /// How many of the council's open accounts of <paramref name="kind"/> pay each way (cash, direct-debit...): read from
    /// <c>account_method_count</c>, which the database's own triggers on <c>account</c> keep in the same transaction as
    /// each change (decision 0059), so it is exact without counting a million accounts.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> OpenAccountsByPaymentMethodAsync(
        DbConnection connection, CouncilId council, AccountKind kind, DbTransaction? tx = null) =>
        (await connection.QueryAsync<(string Method, long Count)>(
            "select payment_method, open_accounts from account_method_count where council_id = @council and kind = @kind and open_accounts > 0",
            new { council = council.Value, kind = kind.Code() }, tx))
        .ToDictionary(r => r.Method, r => (int)r.Count, StringComparer.Ordinal);

    /// <summary>The same counts made from the accounts themselves: the oracle the tests compare the kept counts with.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> OpenAccountsByPaymentMethodCountedAsync(
        DbConnection connection, CouncilId council, AccountKind kind, DbTransaction? tx = null) =>
        (await connection.QueryAsync<(string Method, long Count)>(
            "select payment_method, count(*) from account where council_id = @council and kind = @kind and closed_on is null group by payment_method",
            new { council = council.Value, kind = kind.Code() }, tx))
        .ToDictionary(r => r.Method, r => (int)r.Count, StringComparer.Ordinal);

    private sealed class DayRow
    {
        public int financial_year { get; set; }
        public LocalDate day { get; set; }
        public long debit { get; set; }
        public long receipts { get; set; }
    }

    private sealed class SummedRow
    {
        public int part { get; set; }
        public int financial_year { get; set; }
        public LocalDate? day { get; set; }
        public long debit { get; set; }
        public long receipts { get; set; }
    }

    private sealed class OwedRow
    {
        public long account_id { get; set; }
        public int financial_year { get; set; }
        public long balance { get; set; }
    }
}
