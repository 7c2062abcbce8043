using Microsoft.Data.Sqlite;
using Reeve.Persistence;

namespace Reeve.TestKit;

/// <summary>A SQLite file per test in its own temporary folder (the WAL and shared-memory files sit beside it).</summary>
public sealed class SqliteEngine : IDatabaseEngine
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public Task<TestDatabase> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("reeve-sqlite-").FullName;
        var database = ReeveDatabase.Sqlite(Path.Combine(folder, "reeve.db"));
        return Task.FromResult(new TestDatabase(database, () =>
        {
            // Pooled connections keep the file open; let go of this file's pool before deleting it.
            using (var connection = new SqliteConnection(database.ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        }));
    }

    public override string ToString() => "SQLite";
}
