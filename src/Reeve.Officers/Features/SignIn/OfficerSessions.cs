using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using NodaTime;
using Reeve.Persistence;

namespace Reeve.Officers;

/// <summary>
/// Server-side sessions: a sign-in starts one, named by 32 random bytes that travel in the (protected) cookie; every
/// request checks it is still live; sign-out ends it. A cookie copied before sign-out names a session that is gone.
/// </summary>
public static class OfficerSessions
{
    public static async Task<string> StartAsync(DbConnection connection, DbTransaction? tx, int officerId, Instant now)
    {
        var id = Base64UrlId(RandomNumberGenerator.GetBytes(32));
        await connection.ExecuteAsync(
            "insert into officer_session (session_id, officer_id, started_at) values (@id, @officerId, @now)", new { id, officerId, now }, tx);
        await connection.ExecuteAsync("update officer set last_signed_in_at = @now where officer_id = @officerId", new { officerId, now }, tx);
        return id;
    }

    public static async Task<bool> IsLiveAsync(DbConnection connection, string sessionId) =>
        await connection.ExecuteScalarAsync<int>("select count(*) from officer_session where session_id = @sessionId", new { sessionId }) > 0;

    /// <summary>Ends one session; answers how many were ended (0 when it had already gone).</summary>
    public static Task<int> EndAsync(DbConnection connection, string sessionId) =>
        connection.ExecuteAsync("delete from officer_session where session_id = @sessionId", new { sessionId });

    /// <summary>Ends every session of one officer (disabled, password reset, role changed); answers how many were ended.</summary>
    public static Task<int> EndAllAsync(DbConnection connection, DbTransaction? tx, int officerId) =>
        connection.ExecuteAsync("delete from officer_session where officer_id = @officerId", new { officerId }, tx);

    internal static string Base64UrlId(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
