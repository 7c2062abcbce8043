using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Web.Tests;

/// <summary>
/// The real app on a loopback port with a throwaway SQLite file and a small demo council, started once
/// for every test in the "web" collection. Tests read the database directly to find data to look for.
/// </summary>
public sealed class ReeveAppFixture : IAsyncLifetime
{
    public const string Password = "demo-password-for-tests";

    public const string NotifyCallbackToken = "callback-token-for-tests-0123456789";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reeve-web-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running app's services (a test may look at or set the app's state through them).</summary>
    public IServiceProvider Services => _app!.Services;

    public ReeveDatabase Database { get; private set; } = null!;

    public CouncilId HomeCouncil { get; private set; }

    public CouncilId OtherCouncil { get; private set; }

    public string DatabasePath => Path.Combine(_folder, "data", "reeve.db");

    /// <summary>The app's clock: the system's, moved on by <see cref="ShiftedClock.Offset"/> for a test that needs a later day.</summary>
    public ShiftedClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _app = ReeveWebApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["REEVE_DB"] = DatabasePath,
                ["Reeve:DemoDwellings"] = "60",
                ["Reeve:DemoOfficerPassword"] = Password,
                ["Notify:CallbackBearerToken"] = NotifyCallbackToken,
                // Every test signs in from 127.0.0.1: the per-address limits are tested on their own app (HardeningTests).
                ["Reeve:RateLimit:SignInPerMinute"] = "100000",
                ["Reeve:RateLimit:CalculatorsPerMinute"] = "100000",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<IClock>(Clock);
        });
        BaseAddress = new Uri(await ReeveWebApp.StartAsync(_app));
        Database = ReeveDatabase.Sqlite(DatabasePath);
        await using var connection = await Database.OpenAsync();
        var councils = (await connection.QueryAsync<int>("select council_id from council order by council_id")).ToList();
        HomeCouncil = new CouncilId(councils[0]);
        OtherCouncil = new CouncilId(councils[1]);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Database?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }

    public async Task<T> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.QueryFirstAsync<T>(sql, args);
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    /// <summary>An officer of the home council only, made for one test (lockout tests lock their own officer).</summary>
    public async Task<string> NewOfficerAsync(Role role, CouncilId? council = null)
    {
        var home = council ?? HomeCouncil;
        var username = role.Name().ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = await Database.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await OfficerStore.CreateAsync(connection, tx, username, "Test " + role.Title(), role, home, [home], Password,
            SystemClock.Instance.GetCurrentInstant());
        await tx.CommitAsync();
        return username;
    }

    /// <summary>An account of the home council that has ledger entries, a property and a liable person.</summary>
    public Task<string> AccountReferenceAsync() => QueryAsync<string>(
        "select a.reference from account a where a.council_id = @c and a.uprn is not null " +
        "and exists (select 1 from ledger_entry e where e.council_id = a.council_id and e.account_id = a.account_id and e.credit_book = 'debtors') " +
        "and exists (select 1 from account_party p where p.council_id = a.council_id and p.account_id = a.account_id) order by a.account_id limit 1",
        new { c = HomeCouncil.Value });

    /// <summary>A person of the home council liable on an account for a property: their id, the UPRN and their surname.</summary>
    public Task<(long PartyId, long Uprn, string Surname)> PersonWithPropertyAsync() => QueryAsync<(long, long, string)>(
        "select p.party_id, a.uprn, n.surname from account_party p join account a on a.council_id = p.council_id and a.account_id = p.account_id " +
        "join party_name n on n.council_id = p.council_id and n.party_id = p.party_id " +
        "where p.council_id = @c and a.uprn is not null and n.surname is not null order by p.party_id limit 1", new { c = HomeCouncil.Value });
}

/// <summary>The system clock moved on by an offset; a test that moves it puts it back when it finishes.</summary>
public sealed class ShiftedClock : IClock
{
    public Duration Offset { get; set; } = Duration.Zero;

    public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + Offset;
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<ReeveAppFixture>
{
    public const string Name = "web";
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ReeveAppFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
