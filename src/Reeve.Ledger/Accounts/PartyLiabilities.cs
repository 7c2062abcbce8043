using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>Changes to who is liable on accounts that follow from a change to the party itself.</summary>
public static class PartyLiabilities
{
    /// <summary>
    /// Moves a merged party's liabilities to the party it was merged into, in the caller's transaction, and returns the
    /// accounts the merged party was liable on. A liability the survivor already has for the same account and start
    /// stays with the merged party's record, so no row is lost and no liability is doubled.
    /// </summary>
    public static async Task<IReadOnlyList<long>> MoveToSurvivorAsync(DbConnection connection, DbTransaction tx, CouncilId council, long merged, long survivor)
    {
        var args = new { council = council.Value, survivor, merged };
        var accounts = (await connection.QueryAsync<long>(
            "select distinct account_id from account_party where council_id = @council and party_id = @merged order by account_id", args, tx)).ToList();
        await connection.ExecuteAsync(
            "update account_party set party_id = @survivor where council_id = @council and party_id = @merged and not exists (select 1 from account_party s " +
            "where s.council_id = account_party.council_id and s.account_id = account_party.account_id and s.party_id = @survivor and s.liable_from = account_party.liable_from)",
            args, tx);
        return accounts;
    }
}
