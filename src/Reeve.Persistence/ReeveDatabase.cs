using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Reeve.Persistence;

/// <summary>
/// Where Reeve keeps its data: an embedded SQLite file (the default, for one officer's laptop or a demo)
/// or a PostgreSQL server (production). Everything above this class is written once for both.
/// </summary>
public sealed class ReeveDatabase : IDisposable
{
    private readonly NpgsqlDataSource? _postgres;

    private ReeveDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }

        DapperSetup.Ensure();
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public static ReeveDatabase Sqlite(string filePath)
    {
        var full = Path.GetFullPath(filePath);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new ReeveDatabase(DatabaseProvider.Sqlite, builder.ToString());
    }

    public static ReeveDatabase Postgres(string connectionString)
    {
        // Officers' pages and batch runs repeat the same few statements: let Npgsql prepare them on the server.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 2;
        }

        return new ReeveDatabase(DatabaseProvider.Postgres, builder.ToString());
    }

    /// <summary>
    /// Reads a --db value or REEVE_DB: a PostgreSQL connection string ("Host=...;Database=..." or a
    /// postgres:// URL) or otherwise the path of a SQLite file.
    /// </summary>
    public static ReeveDatabase FromSetting(string setting)
    {
        var s = setting.Trim();
        if (s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(PostgresUrl.ToConnectionString(s));
        }

        if (s.Contains("Host=", StringComparison.OrdinalIgnoreCase) || s.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(s);
        }

        if (s.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite(new SqliteConnectionStringBuilder(s).DataSource);
        }

        return Sqlite(s);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct);
        }

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        using var pragma = connection.CreateCommand();
        // WAL lets officers read while a batch run writes; foreign keys are off by default in SQLite.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : "PostgreSQL " + DescribePostgres();

    private string DescribePostgres()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    public void Dispose() => _postgres?.Dispose();
}
