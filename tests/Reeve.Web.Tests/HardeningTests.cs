using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Reeve.Officers;

namespace Reeve.Web.Tests;

/// <summary>Issue 19's sign-in and transport defects, each probed the way it was found: from outside, over HTTP.</summary>
[Collection(WebCollection.Name)]
public sealed class HardeningTests(ReeveAppFixture app)
{
    [Fact]
    public async Task No_response_names_the_web_server()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);

        var response = await anonymous.GetAsync("/sign-in");

        response.Headers.Server.ShouldBeEmpty();
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task Behind_a_tls_proxy_cookies_are_secure_and_strict_transport_security_is_sent()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        request.Headers.Host = "reeve.example.gov.uk";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        cookies.ShouldNotBeEmpty();
        cookies.ShouldAllBe(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        response.Headers.GetValues("Strict-Transport-Security").ShouldHaveSingleItem().ShouldContain("max-age=");
    }

    [Fact]
    public async Task Over_plain_http_on_this_machine_the_demo_still_signs_in()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };

        var response = await http.GetAsync("/sign-in");

        response.Headers.GetValues("Set-Cookie").ShouldAllBe(c => !c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        (await officer.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_team_leader_unlocks_an_officer_shut_out_by_wrong_passwords_and_the_unlock_is_audited()
    {
        var username = await app.NewOfficerAsync(Role.Officer);
        using var guesser = new OfficerClient(app.BaseAddress);
        for (var i = 0; i < 5; i++)
        {
            await guesser.SignInAsync(username, "wrong-" + i);
        }

        (await guesser.SignInAsync(username, ReeveAppFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        (await officer.GetAsync("/officers/locked")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var leaderName = await app.NewOfficerAsync(Role.TeamLeader);
        using var leader = await OfficerClient.SignedInAsync(app, leaderName);
        (await leader.GetPageAsync("/officers/locked")).ShouldContain(username);

        var unlocked = await leader.PostFormAsync("/officers/locked", new() { ["username"] = username });

        unlocked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await guesser.SignInAsync(username, ReeveAppFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CountAsync("select count(*) from audit_log where officer = @leaderName and action = 'unlock' and subject_id = @username",
            new { leaderName, username })).ShouldBe(1);
    }

    [Fact]
    public async Task A_calculator_body_over_64_KB_is_refused_with_413_problem_details()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var body = "{\"financialYear\": 2025, \"padding\": \"" + new string('x', 70 * 1024) + "\"}";

        var response = await http.PostAsync("/api/v1/calc/instalments", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>().ShouldBe(413);
    }

    [Fact]
    public async Task Sign_in_and_the_calculators_are_rate_limited_per_address_with_429_problem_details()
    {
        // A second app on the same database, with small limits (the shared one allows the whole suite's sign-ins).
        await using var limited = ReeveWebApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["REEVE_DB"] = app.DatabasePath,
                ["Reeve:RateLimit:SignInPerMinute"] = "3",
                ["Reeve:RateLimit:CalculatorsPerMinute"] = "3",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<IClock>(app.Clock);
        });
        var address = new Uri(await ReeveWebApp.StartAsync(limited));
        try
        {
            using var client = new OfficerClient(address);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                statuses.Add((await client.SignInAsync("nobody-" + i, "wrong password")).StatusCode);
            }

            statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
            statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);

            var answers = new List<HttpResponseMessage>();
            for (var i = 0; i < 5; i++)
            {
                answers.Add(await client.PostJsonAsync("/api/v1/calc/no-such-thing", new { financialYear = 2025 }));
            }

            answers.Take(3).ShouldAllBe(r => r.StatusCode == HttpStatusCode.NotFound);
            var refused = answers.Last();
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["status"]!.GetValue<int>().ShouldBe(429);
        }
        finally
        {
            await limited.StopAsync();
        }
    }
}
