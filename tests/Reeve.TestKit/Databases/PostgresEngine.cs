using Reeve.Persistence;

namespace Reeve.TestKit;

/// <summary>A fresh database per test on the one throwaway PostgreSQL server of the test run.</summary>
public sealed class PostgresEngine : IDatabaseEngine
{
    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public async Task<TestDatabase> CreateAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var name = await server.CreateDatabaseAsync();
        var database = ReeveDatabase.Postgres(server.ConnectionString(name));
        return new TestDatabase(database, () => server.DropDatabaseAsync(name));
    }

    public override string ToString() => "PostgreSQL";
}
