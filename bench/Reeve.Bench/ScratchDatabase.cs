using Dapper;
using Npgsql;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Bench;

/// <summary>
/// A database a benchmark may fill and throw away, so that a measurement never touches an officer's data:
/// on SQLite a temporary file (or a new, empty file the caller names, which is kept); on PostgreSQL a
/// schema of its own inside the given database, dropped afterwards.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly ReeveDatabase? _server;
    private readonly string? _schema;
    private readonly string? _temporaryFile;

    private ScratchDatabase(ReeveDatabase db, string description, ReeveDatabase? server = null, string? schema = null, string? temporaryFile = null)
    {
        Db = db;
        Description = description;
        _server = server;
        _schema = schema;
        _temporaryFile = temporaryFile;
    }

    public ReeveDatabase Db { get; }

    /// <summary>Where the figures were measured, for the report.</summary>
    public string Description { get; }

    /// <summary>Leave the scratch schema or file in place afterwards, to look into the figures.</summary>
    public bool Keep { get; set; }

    /// <summary>
    /// <paramref name="setting"/> null: a temporary SQLite file. A PostgreSQL setting: a throwaway schema in
    /// that database. A SQLite path: that file, which must be new or empty.
    /// </summary>
    public static async Task<Outcome<ScratchDatabase>> CreateAsync(string? setting, CancellationToken ct = default)
    {
        if (setting is null)
        {
            var file = Path.Combine(Path.GetTempPath(), $"reeve-bench-{Guid.NewGuid():N}.db");
            var temporary = ReeveDatabase.Sqlite(file);
            return new ScratchDatabase(temporary, temporary.Describe() + " (temporary)", temporaryFile: file);
        }

        var db = ReeveDatabase.FromSetting(setting);
        if (!db.IsPostgres)
        {
            await using var connection = await db.OpenAsync(ct);
            var tables = await connection.ExecuteScalarAsync<long>("select count(*) from sqlite_master where type = 'table'");
            if (tables > 0)
            {
                db.Dispose();
                return new Outcome<ScratchDatabase>.Invalid(
                    "--db", "The benchmark needs a new or empty SQLite file, and this one already has tables. Name a new file, or leave --db out to use a temporary one.");
            }

            return new ScratchDatabase(db, db.Describe());
        }

        var schema = "reeve_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = await db.OpenAsync(ct))
        {
            await connection.ExecuteAsync($"create schema {schema}");
        }

        // A benchmark moves millions of rows in single statements: no command timeout.
        var scoped = new NpgsqlConnectionStringBuilder(db.ConnectionString) { SearchPath = schema, CommandTimeout = 0 };
        var scratch = ReeveDatabase.Postgres(scoped.ToString());
        return new ScratchDatabase(scratch, $"{db.Describe()} (throwaway schema {schema})", db, schema);
    }

    public async ValueTask DisposeAsync()
    {
        Db.Dispose();
        if (Keep)
        {
            _server?.Dispose();
            return;
        }

        if (_server is not null && _schema is not null)
        {
            await using (var connection = await _server.OpenAsync())
            {
                await connection.ExecuteAsync($"drop schema {_schema} cascade");
            }

            _server.Dispose();
        }

        if (_temporaryFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_temporaryFile + suffix);
            }
        }
    }
}
