using Reeve.Persistence;

namespace Reeve.TestKit;

/// <summary>
/// A database engine a persistence test can run on. The same test class runs once per engine by deriving
/// one concrete class per engine from an abstract base that takes an <see cref="IDatabaseEngine"/>.
/// </summary>
public interface IDatabaseEngine
{
    DatabaseProvider Provider { get; }

    /// <summary>A new, empty database that no other test sees; disposing it deletes it.</summary>
    Task<TestDatabase> CreateAsync();
}

/// <summary>An empty database made for one test, removed when the test is done.</summary>
public sealed class TestDatabase(ReeveDatabase database, Func<Task> remove) : IAsyncDisposable
{
    public ReeveDatabase Database { get; } = database;

    public async ValueTask DisposeAsync()
    {
        Database.Dispose();
        await remove();
    }
}
