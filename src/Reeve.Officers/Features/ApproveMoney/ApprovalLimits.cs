using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Officers;

/// <summary>An officer's own approval limit as their administrator set it, for the money steps in other modules.</summary>
public static class ApprovalLimits
{
    /// <summary>The officer's own limit, or null when they have none (or are not an officer: a command-line step).</summary>
    public static async Task<Money?> OwnAsync(DbConnection connection, string username, DbTransaction? tx = null)
    {
        var pence = await connection.QuerySingleOrDefaultAsync<long?>(
            "select approval_limit_pence from officer where username = @username", new { username = OfficerStore.Canonical(username) }, tx);
        return pence is { } p ? Money.FromPence(p) : null;
    }
}
