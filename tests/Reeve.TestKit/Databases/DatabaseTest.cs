using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Xunit;

namespace Reeve.TestKit;

/// <summary>
/// Base for a persistence test class that runs on every engine: derive an abstract class holding the tests,
/// then one sealed class per engine, e.g. <c>sealed class PostEntriesOnSqlite() : PostEntriesTests(new SqliteEngine())</c>.
/// xunit makes a new instance per test, so each test gets its own database, migrated and with one council.
/// </summary>
public abstract class DatabaseTest(IDatabaseEngine engine) : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>The council every seeded row belongs to.</summary>
    protected static CouncilId Council { get; } = new(1);

    protected IDatabaseEngine Engine => engine;

    protected ReeveDatabase Db => _database?.Database ?? throw new InvalidOperationException("The test database is made in InitializeAsync");

    /// <summary>09:00 UTC on 1 April 2025 unless a test moves it.</summary>
    protected FakeClock Clock { get; } = FakeClock.AtUtc(2025, 4, 1, 9, 0);

    protected Instant Now => Clock.GetCurrentInstant();

    /// <summary>False for tests of the migrations themselves, which need an empty database.</summary>
    protected virtual bool StartMigrated => true;

    public async Task InitializeAsync()
    {
        _database = await engine.CreateAsync();
        try
        {
            if (StartMigrated)
            {
                await MigrationRunner.MigrateAsync(Db);
                await Seed.CouncilAsync(Db, Council, "test", Now);
            }
        }
        catch
        {
            // xunit does not dispose a test whose setup failed, so remove its database here.
            await _database.DisposeAsync();
            _database = null;
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Runs work in one transaction and commits it, as a handler would.</summary>
    protected async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work)
    {
        await using var connection = await Db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var result = await work(connection, tx);
        await tx.CommitAsync();
        return result;
    }

    /// <summary>The work queue's item a module raised for one of its things (open or closed), or null if it raised none.</summary>
    protected Task<Reeve.Work.WorkItem?> QueuedAsync(string source, string key) =>
        ReadAsync(c => Reeve.Work.WorkLists.BySourceAsync(c, Council, source, key));

    protected async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read)
    {
        await using var connection = await Db.OpenAsync();
        return await read(connection);
    }
}
