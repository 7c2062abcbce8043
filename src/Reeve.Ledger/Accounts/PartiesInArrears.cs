using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>
/// The parties whose accounts, taken together, owe something in at least a number of financial years: owed is what
/// the debtors book was charged less what it was credited, per year, over every account the party is liable on.
/// </summary>
public static class PartiesInArrears
{
    /// <returns>Party ids, lowest first.</returns>
    public static async Task<IReadOnlyList<long>> OwingInYearsAsync(DbConnection connection, CouncilId council, int years, DbTransaction? tx = null) =>
        (await connection.QueryAsync<long>(
            "select party_id from (select ap.party_id, e.financial_year, " +
            "sum(" + Books.EffectOnAccountSql("e") + ") as owed " +
            "from account_party ap join ledger_line e on e.council_id = ap.council_id and e.account_id = ap.account_id " +
            "where ap.council_id = @council group by ap.party_id, e.financial_year) t where owed > 0 " +
            "group by party_id having count(*) >= @years order by party_id",
            new { council = council.Value, years }, tx)).ToList();
}
