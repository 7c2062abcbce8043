using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Reeve.Web.Hosting;

namespace Reeve.Web.Tests;

/// <summary>
/// The README's run command on an empty database: the app answers at once and makes the demo council in the
/// background behind a holding page, then shows the sign-in page.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task On_an_empty_database_the_app_answers_before_the_demo_council_is_made_and_then_signs_in()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reeve-first-start-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var app = ReeveWebApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["REEVE_DB"] = Path.Combine(folder, "reeve.db"),
                ["Reeve:DemoDwellings"] = "40",
                ["Reeve:DemoOfficerPassword"] = ReeveAppFixture.Password,
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        var setup = app.Services.GetRequiredService<DemoSetup>();

        var address = await ReeveWebApp.StartAsync(app, demoInBackground: true);

        // Listening does not wait for the demo: the state was Building when the app started answering.
        setup.Current.ShouldBeOneOf(DemoSetup.State.Building, DemoSetup.State.Ready);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        var seen = new List<HttpStatusCode>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage response;
        while (true)
        {
            response = await http.GetAsync("/sign-in");
            seen.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || waited.Elapsed > TimeSpan.FromMinutes(3))
            {
                break;
            }

            (await response.Content.ReadAsStringAsync()).ShouldContain("Setting up the demo council");
            await Task.Delay(250);
        }

        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"answers seen: {string.Join(", ", seen)}; demo state {setup.Current}: {setup.Failure}");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Sign in");
        setup.Current.ShouldBe(DemoSetup.State.Ready);
        seen.ShouldAllBe(s => s == HttpStatusCode.ServiceUnavailable || s == HttpStatusCode.OK);
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }
}

[Collection(BrowserCollection.Name)]
public sealed class DemoSetupPageTests(ReeveAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task While_the_demo_council_is_being_made_every_page_shows_an_accessible_holding_page_that_follows_the_progress()
    {
        var setup = app.Services.GetRequiredService<DemoSetup>();
        setup.Begin();
        try
        {
            setup.Report("Wealdmoor District Council: payments", 30, 120);
            await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), JavaScriptEnabled = false });
            // Without JavaScript: the holding page and its link.
            context.SetDefaultTimeout(90_000);
            var page = await context.NewPageAsync();

            var response = await page.GotoAsync("/accounts/anything");

            response!.Status.ShouldBe(503);
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Setting up the demo council");
            (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Wealdmoor District Council: payments (25%)");
            (await page.GetByRole(AriaRole.Button, new() { Name = "Check again" }).CountAsync()).ShouldBe(1);

            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            var api = await http.GetAsync("/api/v1/accounts/anything");
            api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

            // With JavaScript the page follows the progress by itself and opens the page asked for when ready.
            await using var scripted = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
            scripted.SetDefaultTimeout(90_000);
            var waiting = await scripted.NewPageAsync();
            await waiting.GotoAsync("/sign-in");
            // (axe-core runs as script, so it checks the page here, with JavaScript on.)
            await BrowserTests.AssertAccessibleAsync(waiting, "the demo set-up holding page");
            setup.Report("Eastmere Borough Council: recovery", 3, 4);
            await waiting.Locator("[role=status]").Filter(new() { HasText = "recovery (75%)" }).WaitForAsync();
            setup.Finish();
            await waiting.GetByLabel("Username").WaitForAsync();
        }
        finally
        {
            setup.Finish();
        }

        using var after = new HttpClient { BaseAddress = app.BaseAddress };
        (await after.GetAsync("/sign-in")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
