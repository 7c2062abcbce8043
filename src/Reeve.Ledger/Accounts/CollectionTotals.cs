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

    private static readonly string DebitSql =
        $"case when l.debit_book = {(int)Book.Debtors} and l.credit_book = {(int)Book.Income} then l.amount_pence " +
        $"when l.debit_book = {(int)Book.Income} and l.credit_book = {(int)Book.Debtors} then -l.amount_pence else 0 end";

    private static readonly string ReceiptsSql =
        $"case when l.debit_book = {(int)Book.Cash} and l.credit_book = {(int)Book.Debtors} then l.amount_pence " +
        $"when l.debit_book = {(int)Book.Debtors} and l.credit_book = {(int)Book.Cash} then -l.amount_pence else 0 end";

    /// <summary>
    /// Debit and receipts by financial year and effective day, for entries effective from <paramref name="from"/> to
    /// <paramref name="to"/> (both inclusive), on the council's accounts of <paramref name="kind"/>; only the financial
    /// years given when <paramref name="years"/> is not null. Days with no movement are absent.
    /// </summary>
    public static async Task<IReadOnlyList<DayTotal>> ByDayAsync(
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
            new { council = council.Value, kind = kind.Code(), from, to, years = years?.ToArray() }, tx);
        return rows.Where(r => r.debit != 0 || r.receipts != 0)
            .Select(r => new DayTotal(new FinancialYear(r.financial_year), r.day, Money.FromPence(r.debit), Money.FromPence(r.receipts)))
            .ToList();
    }

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

    /// <summary>How many of the council's open accounts of <paramref name="kind"/> pay each way (cash, direct-debit...).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> OpenAccountsByPaymentMethodAsync(
        DbConnection connection, CouncilId council, AccountKind kind, DbTransaction? tx = null) =>
        (await connection.QueryAsync<(string Method, int Count)>(
            "select payment_method, count(*) from account where council_id = @council and kind = @kind and closed_on is null group by payment_method",
            new { council = council.Value, kind = kind.Code() }, tx))
        .ToDictionary(r => r.Method, r => r.Count, StringComparer.Ordinal);

    private sealed class DayRow
    {
        public int financial_year { get; set; }
        public LocalDate day { get; set; }
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
