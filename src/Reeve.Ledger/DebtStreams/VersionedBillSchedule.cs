namespace Reeve.Ledger;

/// <summary>
/// The due-schedule queries of a stream that bills in versions: the instalments of the newest version of each
/// account's bill for a year issued by <c>@asAt</c> (a re-bill replaces the instalments from the day it is issued).
/// The bill table needs <c>council_id, account_id, financial_year, version, issued_on</c>; the instalment table those
/// keys and <c>seq, due_on, amount_pence</c>. Both tables are the stream's own.
/// </summary>
public static class VersionedBillSchedule
{
    /// <summary>The stream's <see cref="IDebtStream.DueScheduleSql"/>.</summary>
    public static string Sql(string billTable, string instalmentTable) =>
        $"select i.account_id, i.financial_year, i.seq, i.due_on, i.amount_pence from {instalmentTable} i " +
        $"join (select account_id, financial_year, max(version) as version from {billTable} where council_id = @council and account_id > @lo and account_id <= @hi and issued_on <= @asAt group by account_id, financial_year) b " +
        "on b.account_id = i.account_id and b.financial_year = i.financial_year and b.version = i.version " +
        "where i.council_id = @council and i.account_id > @lo and i.account_id <= @hi";

    /// <summary>
    /// The stream's <see cref="IDebtStream.DueBetweenSql"/>: the bill is the advance notice of its instalments, so each
    /// is noticed on the day the bill in force was issued. Set-based for a range of accounts: every table is bounded by
    /// the range (so each is read by its key, in account order), the bill in force is the issued one with no newer
    /// version issued by <c>@asAt</c>, and an instalment is the last when its version has none after it.
    /// </summary>
    public static string DueBetweenSql(string billTable, string instalmentTable) =>
        "select i.account_id, i.financial_year, i.seq, i.due_on, i.amount_pence, b.issued_on as noticed_on, " +
        $"case when exists (select 1 from {instalmentTable} n where n.council_id = i.council_id and n.account_id = i.account_id " +
        "and n.financial_year = i.financial_year and n.version = i.version and n.seq > i.seq) then 0 else 1 end as is_last " +
        $"from {instalmentTable} i join {billTable} b on b.council_id = i.council_id and b.account_id = i.account_id and b.financial_year = i.financial_year and b.version = i.version " +
        "where i.council_id = @council and i.account_id > @lo and i.account_id <= @hi and i.due_on >= @from and i.due_on <= @to " +
        "and b.account_id > @lo and b.account_id <= @hi and b.issued_on <= @asAt " +
        $"and not exists (select 1 from {billTable} b2 where b2.council_id = b.council_id and b2.account_id = b.account_id " +
        "and b2.financial_year = b.financial_year and b2.version > b.version and b2.issued_on <= @asAt)";
}
