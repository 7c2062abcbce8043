using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>
/// The councils on this installation that have an account with a reference, for a command run without
/// --council: references are unique within a council, not across councils.
/// </summary>
public static class AccountReferenceCouncils
{
    public static async Task<IReadOnlyList<CouncilId>> HoldingAsync(DbConnection connection, AccountReference reference) =>
        (await connection.QueryAsync<int>("select distinct council_id from account where reference = @reference order by 1", new { reference = reference.Value }))
        .Select(id => new CouncilId(id)).ToList();
}
