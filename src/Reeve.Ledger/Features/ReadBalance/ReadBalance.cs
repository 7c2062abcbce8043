using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>
/// An account's balance, summed from its entries through the (council, account) index. Debits to the
/// debtors book raise it; credits lower it.
/// </summary>
public static class ReadBalance
{
    public static readonly string Sql =
        "select coalesce(sum(" + Books.EffectOnAccountSql("e") + "), 0) " +
        "from ledger_line e where e.council_id = @council and e.account_id = @accountId";

    public static async Task<Money> BalanceAsync(DbConnection connection, CouncilId council, long accountId, DbTransaction? tx = null) =>
        Money.FromPence(await connection.ExecuteScalarAsync<long>(Sql, new { council = council.Value, accountId }, tx));
}
