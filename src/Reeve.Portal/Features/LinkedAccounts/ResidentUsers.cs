#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Portal.Features.LinkedAccounts;

/// <summary>A resident who can sign in to the portal: known by a confirmed email address.</summary>
public sealed record ResidentUser(CouncilId Council, long UserId, string Email)
{
    /// <summary>How the audit trail names them, beside officers' usernames.</summary>
    public string Actor => $"resident:{UserId}";
}

public static class ResidentUsers
{
    public static async Task<ResidentUser?> ByEmailAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string email) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(
            "select user_id, email from portal_user where council_id = @council and email = @email", new { council = council.Value, email }, tx))
        ?.ToUser(council);

    public static async Task<ResidentUser?> GetAsync(DbConnection connection, CouncilId council, long userId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(
            "select user_id, email from portal_user where council_id = @council and user_id = @userId", new { council = council.Value, userId }))
        ?.ToUser(council);

    /// <summary>The user for a confirmed address: the one already there, or a new one.</summary>
    public static async Task<ResidentUser> EnsureAsync(DbConnection connection, DbTransaction tx, CouncilId council, string email, Instant now)
    {
        if (await ByEmailAsync(connection, tx, council, email) is { } known)
        {
            return known;
        }

        var userId = await IdAllocator.ReserveAsync(connection, tx, council, "portal_user", 1);
        await connection.ExecuteAsync(
            "insert into portal_user (council_id, user_id, email, created_at) values (@council, @userId, @email, @now)",
            new { council = council.Value, userId, email, now }, tx);
        return new ResidentUser(council, userId, email);
    }

    private sealed class Row
    {
        public long user_id { get; set; }
        public string email { get; set; } = "";

        public ResidentUser ToUser(CouncilId council) => new(council, user_id, email);
    }
}
