using System.Data.Common;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>The accounts for a set of properties, for modules that found properties (by postcode, say) and want their accounts.</summary>
public static class AccountsAtProperties
{
    /// <summary>The ids of every account, open or closed, for any of these UPRNs, in id order.</summary>
    public static async Task<IReadOnlyList<long>> IdsAsync(DbConnection connection, CouncilId council, IReadOnlyCollection<long> uprns, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<long, long>(connection, "select account_id from account where council_id = @council and uprn {ids}", council, uprns, tx))
        .Order().ToList();
}
