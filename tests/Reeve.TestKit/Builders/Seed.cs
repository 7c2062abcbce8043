using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.TestKit;

/// <summary>Rows that other rows need before a test can start: every key leads with a council.</summary>
public static class Seed
{
    public static async Task CouncilAsync(ReeveDatabase db, CouncilId council, string code, Instant createdAt)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            "insert into council (council_id, code, name, created_at) values (@id, @code, @name, @createdAt)",
            new { id = council.Value, code, name = "Test council " + code, createdAt = createdAt });
    }
}
