using Dapper;
using NodaTime;
using Reeve.DemoCouncil;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.RenderLetters;

/// <summary>
/// A demo council of 20 dwellings (and its 4-dwelling neighbour), billed through 2026/27, made once per test
/// class; each test works on its own copy of the file.
/// </summary>
public sealed class TinyDemo : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public string Original => _folder.File("demo.db");

    public async Task InitializeAsync()
    {
        using var db = ReeveDatabase.Sqlite(Original);
        await DemoCouncilBuilder.CreateAsync(db, new DemoOptions(20, DemoOptions.DefaultSeed, new LocalDate(2026, 11, 20), "demo-password"), new FakeClock(CliRun.Now));

        // Closing every pooled connection checkpoints the write-ahead log into the file, so a copy of the file is whole.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    /// <summary>A copy of the demo database in the folder given.</summary>
    public string CopyTo(TempFolder folder)
    {
        var copy = folder.File("reeve.db");
        File.Copy(Original, copy);
        return copy;
    }

    public static async Task ExecuteAsync(string dbFile, string sql)
    {
        using var db = ReeveDatabase.Sqlite(dbFile);
        await using var c = await db.OpenAsync();
        await c.ExecuteAsync(sql);
    }

    public static async Task<T> QueryAsync<T>(string dbFile, string sql, object? args = null)
    {
        using var db = ReeveDatabase.Sqlite(dbFile);
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException($"No value from {sql}");
    }
}
