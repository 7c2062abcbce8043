using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>
/// Reads over a range of accounts for runs that go through a council's accounts a chunk at a time (the recovery run):
/// where the next chunk ends, how many accounts are left, and SQL fragments a run joins set-based with its own tables.
/// Each fragment is a derived table for council <c>@council</c> and the accounts with <c>@lo &lt; account_id &lt;= @hi</c>,
/// on both engines; the Ledger owns the text, so a change to its tables changes these and not their callers.
/// </summary>
public static class AccountRanges
{
    /// <summary>Columns <c>account_id, reference, kind</c>: the accounts in the range.</summary>
    public const string AccountsSql =
        "select account_id, reference, kind from account where council_id = @council and account_id > @lo and account_id <= @hi";

    /// <summary>
    /// Columns <c>entry_id, account_id, financial_year, effective_date, amount_pence, kind, reverses_entry_id</c>: the
    /// payments and reversals in the range effective on or before <c>@asAt</c>, so a run can tell which payments stood
    /// on each day (a payment reversed by a date never paid anything).
    /// </summary>
    public const string PaymentsAndReversalsSql =
        "select entry_id, account_id, cast(financial_year as integer) as financial_year, effective_date, amount_pence, " +
        "case kind when 2 then 'payment' else 'reversal' end as kind, reverses_entry_id from ledger_line " +
        "where council_id = @council and account_id > @lo and account_id <= @hi and kind in (2, 10) and effective_date <= @asAt";

    /// <summary>Columns <c>account_id, reason, hold_from, hold_to, note</c>: the holds in the range that began on or before <c>@asAt</c>.</summary>
    public const string HoldsSql =
        "select account_id, reason, hold_from, hold_to, note from account_hold where council_id = @council and account_id > @lo and account_id <= @hi and hold_from <= @asAt";

    /// <summary>
    /// The next chunk of accounts of the given kinds after <paramref name="afterAccountId"/>, in id order: how many
    /// there are (at most <paramref name="size"/>) and the last one's id (<paramref name="afterAccountId"/> when none).
    /// With <paramref name="onlyAccount"/>, the chunk is that account alone if it comes after and is of the kinds.
    /// </summary>
    public static async Task<(int Count, long LastAccountId)> NextChunkAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IReadOnlyCollection<AccountKind> kinds, long afterAccountId, int size,
        long? onlyAccount = null, CancellationToken ct = default)
    {
        var (count, last) = await connection.QuerySingleAsync<(long Count, long Last)>(new CommandDefinition(
            "select count(*), coalesce(max(account_id), 0) from (select account_id from account where council_id = @council and account_id > @after and kind " +
            SqlLists.AnyOf(connection, "kinds") + (onlyAccount is null ? "" : " and account_id = @only") + " order by account_id limit @size) c",
            new { council = council.Value, after = afterAccountId, size, only = onlyAccount ?? 0, kinds = Codes(kinds) }, tx, cancellationToken: ct));
        return count == 0 ? (0, afterAccountId) : ((int)count, last);
    }

    /// <summary>How many accounts of the given kinds come after <paramref name="afterAccountId"/> (all of them after 0).</summary>
    public static Task<int> CountAfterAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IReadOnlyCollection<AccountKind> kinds, long afterAccountId, CancellationToken ct = default) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from account where council_id = @council and account_id > @after and kind " + SqlLists.AnyOf(connection, "kinds"),
            new { council = council.Value, after = afterAccountId, kinds = Codes(kinds) }, tx, cancellationToken: ct));

    private static string[] Codes(IReadOnlyCollection<AccountKind> kinds) => kinds.Select(k => k.Code()).Distinct().ToArray();
}
