using System.Globalization;
using Npgsql;
using Reeve.Persistence;

namespace Reeve.TestKit;

/// <summary>
/// A private, empty schema per test in one database on the test run's throwaway PostgreSQL server. Reeve's
/// SQL never names a schema, so a connection whose search path is only that schema sees nothing else: the
/// isolation of a database per test, without the 300 ms a CREATE DATABASE costs on a two-core machine.
/// </summary>
public sealed class PostgresEngine : IDatabaseEngine
{
    private static readonly Lazy<Task<(PostgresServer Server, string Database)>> RunDatabase = new(async () =>
    {
        var server = await PostgresServer.SharedAsync();
        return (server, await server.CreateDatabaseAsync());
    });

    private static int _schemaCounter;

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public async Task<TestDatabase> CreateAsync()
    {
        var (server, database) = await RunDatabase.Value;
        var schema = "test_" + Interlocked.Increment(ref _schemaCounter).ToString(CultureInfo.InvariantCulture);
        var connectionString = server.ConnectionString(database);
        await PostgresServer.ExecuteAsync(connectionString, $"create schema {schema}");
        var scoped = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ToString();
        return new TestDatabase(ReeveDatabase.Postgres(scoped), () => PostgresServer.ExecuteAsync(connectionString, $"drop schema {schema} cascade"));
    }

    public override string ToString() => "PostgreSQL";
}
