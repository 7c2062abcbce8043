#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Officers;

/// <summary>A billing authority served by this installation.</summary>
public sealed record Council(CouncilId Id, string Code, string Name);

public static class CouncilStore
{
    public static async Task AddAsync(DbConnection connection, DbTransaction tx, Council council, Instant now)
    {
        await connection.ExecuteAsync(
            "insert into council (council_id, code, name, created_at) values (@id, @code, @name, @now)",
            new { id = council.Id.Value, code = council.Code, name = council.Name, now }, tx);
    }

    public static async Task<IReadOnlyList<Council>> AllAsync(DbConnection connection, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>("select council_id, code, name from council order by council_id", transaction: tx))
        .Select(r => new Council(new CouncilId(r.council_id), r.code, r.name)).ToList();

    /// <summary>The council's name, or null when there is no such council.</summary>
    public static Task<string?> NameAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        connection.ExecuteScalarAsync<string?>("select name from council where council_id = @id", new { id = council.Value }, tx);

    private sealed class Row
    {
        public int council_id { get; set; }
        public string code { get; set; } = "";
        public string name { get; set; } = "";
    }
}
