using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Letters.Tests;
using Reeve.Persistence;
using Reeve.Web;
using Reeve.Web.Tests;

namespace Reeve.Portal.Tests.Web;

/// <summary>
/// The real web app (which hosts the portal) on a loopback port with a throwaway SQLite file and a small demo council,
/// GOV.UK Notify played by a local server that checks Notify's token and request format, and the machine's Chromium
/// (the officer tests' <see cref="BrowserFixture"/>).
/// Started once for every test in the "portal" collection; tests read the database directly to find their data.
/// </summary>
public sealed partial class PortalAppFixture : IAsyncLifetime
{
    public const string OfficerPassword = "demo-password-for-portal-tests";
    private const string ServiceId = "5b1bd3a4-6c55-4c0e-9a55-0f1e2d3c4b5a";
    private const string Secret = "a7e0c9d2-2b7f-4a51-8f0e-6d5c4b3a2910";
    private const string CodeTemplate = "8d0c5f7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reeve-portal-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public ReeveDatabase Database { get; private set; } = null!;

    public FakeNotifyServer Notify { get; private set; } = null!;

    /// <summary>The browser, launched by the collection's <see cref="BrowserFixture"/>.</summary>
    public IBrowser Browser => BrowserFixture.Browser;

    public BrowserFixture BrowserFixture { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public CouncilId Council { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Notify = new FakeNotifyServer(NotifyApiKey.Parse($"reeve_portal_test-{ServiceId}-{Secret}"), SystemClock.Instance);
        _app = ReeveWebApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["REEVE_DB"] = Path.Combine(_folder, "data", "reeve.db"),
                ["Reeve:DemoDwellings"] = "40",
                ["Reeve:DemoOfficerPassword"] = OfficerPassword,
                ["Notify:ApiKey"] = $"reeve_portal_test-{ServiceId}-{Secret}",
                ["Notify:BaseAddress"] = Notify.BaseAddress.ToString(),
                ["Notify:Templates:portal-code.email"] = CodeTemplate,
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        BaseAddress = new Uri(await ReeveWebApp.StartAsync(_app));
        Database = ReeveDatabase.Sqlite(Path.Combine(_folder, "data", "reeve.db"));
        await using (var connection = await Database.OpenAsync())
        {
            Council = new CouncilId(await connection.ExecuteScalarAsync<int>("select min(council_id) from council"));
        }

        await BrowserFixture.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await BrowserFixture.DisposeAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Notify.DisposeAsync();
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

    /// <summary>What the liable person of a billed council tax account holds: its reference, the postcode and the last bill's amount.</summary>
    public sealed record BilledAccount(long AccountId, string Reference, string Postcode, Money LastBill);

    /// <summary>
    /// Billed council tax accounts of the portal's council, each on a property with a postcode, skipping the first
    /// <paramref name="skip"/> (each test takes its own, so the lockout counts of one do not reach another).
    /// </summary>
    public async Task<IReadOnlyList<BilledAccount>> BilledAccountsAsync(int skip, int take)
    {
        await using var connection = await Database.OpenAsync();
        var rows = await connection.QueryAsync<(long AccountId, string Reference, string Postcode)>(
            "select a.account_id, a.reference, p.postcode from account a join property p on p.council_id = a.council_id and p.uprn = a.uprn " +
            "where a.council_id = @c and a.kind = 'council-tax' and exists (select 1 from bill b where b.council_id = a.council_id and b.account_id = a.account_id) " +
            "order by a.account_id limit @take offset @skip", new { c = Council.Value, take, skip });
        var accounts = new List<BilledAccount>();
        foreach (var (accountId, reference, postcode) in rows)
        {
            var last = await connection.ExecuteScalarAsync<long>(
                "select net_pence from bill where council_id = @c and account_id = @accountId order by issued_on desc, financial_year desc, version desc limit 1",
                new { c = Council.Value, accountId });
            accounts.Add(new BilledAccount(accountId, reference, postcode, Money.FromPence(last)));
        }

        return accounts;
    }

    /// <summary>The code in the newest email the local Notify server took for this address.</summary>
    public string LatestCodeFor(string email)
    {
        var message = Notify.Received.Where(m => m.GetProperty("email_address").GetString() == email).LastOrDefault();
        message.ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Undefined, $"Notify was sent no email for {email}");
        var body = message.GetProperty("personalisation").GetProperty("body").GetString() ?? "";
        return SixDigits().Match(body).Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalAppFixture>
{
    public const string Name = "portal";
}
