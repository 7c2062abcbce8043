using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>Every entry on an account, oldest first, for the account page and statements.</summary>
public static class ReadAccountLedger
{
    public static async Task<IReadOnlyList<PostedEntry>> EntriesAsync(DbConnection connection, CouncilId council, long accountId)
    {
        var rows = await connection.QueryAsync<LedgerRow>(
            LedgerRow.Select + " where e.council_id = @council and e.account_id = @accountId order by e.effective_date, e.entry_id",
            new { council = council.Value, accountId });
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <summary>Every entry on these accounts, by account then oldest first, in a few statements however many accounts (a subject access pack).</summary>
    public static async Task<IReadOnlyList<PostedEntry>> EntriesForAccountsAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> accountIds, DbTransaction? tx = null) =>
        (await Reeve.Persistence.SqlLists.QueryByIdsAsync<LedgerRow, long>(connection, LedgerRow.Select + " where e.council_id = @council and e.account_id {ids}", council, accountIds, tx))
        .Select(r => r.ToEntry()).OrderBy(e => e.AccountId).ThenBy(e => e.EffectiveDate).ThenBy(e => e.EntryId).ToList();

    public static async Task<PostedEntry?> EntryAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long entryId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<LedgerRow>(
            LedgerRow.Select + " where e.council_id = @council and e.entry_id = @entryId",
            new { council = council.Value, entryId }, tx);
        return row?.ToEntry();
    }
}
