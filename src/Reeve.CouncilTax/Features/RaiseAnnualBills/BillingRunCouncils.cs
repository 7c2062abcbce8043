using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>The councils on this installation that have a billing run with this number, for a command run without --council.</summary>
public static class BillingRunCouncils
{
    public static async Task<IReadOnlyList<CouncilId>> HoldingAsync(DbConnection connection, long runId) =>
        (await connection.QueryAsync<int>("select distinct council_id from billing_run where run_id = @runId order by 1", new { runId }))
        .Select(id => new CouncilId(id)).ToList();
}
