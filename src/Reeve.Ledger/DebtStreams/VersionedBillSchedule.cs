namespace Reeve.Ledger;

/// <summary>
/// The <see cref="IDebtStream.DueScheduleSql"/> of a stream that bills in versions: the instalments of the newest
/// version of each account's bill for a year issued by <c>@asAt</c> (a re-bill replaces the instalments from the day
/// it is issued). The bill table needs <c>council_id, account_id, financial_year, version, issued_on</c>; the
/// instalment table those keys and <c>seq, due_on, amount_pence</c>. Both tables are the stream's own.
/// </summary>
public static class VersionedBillSchedule
{
    public static string Sql(string billTable, string instalmentTable) =>
        $"select i.account_id, i.financial_year, i.seq, i.due_on, i.amount_pence from {instalmentTable} i " +
        $"join (select account_id, financial_year, max(version) as version from {billTable} where council_id = @council and account_id > @lo and account_id <= @hi and issued_on <= @asAt group by account_id, financial_year) b " +
        "on b.account_id = i.account_id and b.financial_year = i.financial_year and b.version = i.version " +
        "where i.council_id = @council and i.account_id > @lo and i.account_id <= @hi";
}
