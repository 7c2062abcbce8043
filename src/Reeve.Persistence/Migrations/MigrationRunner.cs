using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Reeve.Persistence;

/// <summary>
/// Applies the numbered SQL files for the database's provider in order, each in its own transaction, and
/// records a SHA-256 of each. A file that has changed since it was applied is refused: a migration that
/// has run is history, and a new change needs a new file.
/// </summary>
public static class MigrationRunner
{
    public sealed record Migration(string Name, string Sql, string Checksum);

    public sealed record Result(IReadOnlyList<string> Applied, int AlreadyApplied);

    public static IReadOnlyList<Migration> For(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var prefix = $"Reeve.Migrations.{folder}.";
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
                return new Migration(n[prefix.Length..], sql, Checksum(sql));
            })
            .ToList() is { Count: > 0 } found
            ? found
            : throw new InvalidOperationException($"No {folder} migrations are embedded in this build");
    }

    public static string Checksum(string sql) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));

    public static async Task<Result> MigrateAsync(ReeveDatabase db, CancellationToken ct = default)
        => await MigrateAsync(db, For(db.Provider), ct);

    public static async Task<Result> MigrateAsync(ReeveDatabase db, IReadOnlyList<Migration> migrations, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await EnsureHistoryTable(connection);
        var applied = (await connection.QueryAsync<(string Name, string Checksum)>(
                "select name, checksum from schema_migration"))
            .ToDictionary(r => r.Name, r => r.Checksum, StringComparer.Ordinal);

        var done = new List<string>();
        var already = 0;
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Name, out var checksum))
            {
                if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Name} has changed since it was applied (recorded checksum {checksum[..12]}, file {migration.Checksum[..12]}). Add a new migration instead of editing an applied one.");
                }

                already++;
                continue;
            }

            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(migration.Sql, transaction: tx);
            await connection.ExecuteAsync(
                "insert into schema_migration (name, checksum, applied_at) values (@name, @checksum, @at)",
                new { name = migration.Name, checksum = migration.Checksum, at = DateTimeOffsetText() },
                tx);
            await tx.CommitAsync(ct);
            done.Add(migration.Name);
        }

        return new Result(done, already);
    }

    private static Task EnsureHistoryTable(DbConnection connection) =>
        connection.ExecuteAsync(
            "create table if not exists schema_migration (name text primary key, checksum text not null, applied_at text not null)");

    // Recorded for people reading the table; nothing depends on it, so the system clock's ISO text is enough.
    private static string DateTimeOffsetText() => NodaTime.SystemClock.Instance.GetCurrentInstant().ToString();
}
