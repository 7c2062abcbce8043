using System.Data.Common;
using Dapper;

namespace Reeve.Ledger;

/// <summary>How many accounts and ledger entries the installation holds, across every council (a summary after set-up).</summary>
public static class LedgerTotals
{
    public static async Task<(int Accounts, int Entries)> CountAsync(DbConnection connection) =>
        (await connection.ExecuteScalarAsync<int>("select count(*) from account"), await connection.ExecuteScalarAsync<int>("select count(*) from ledger_line"));
}
