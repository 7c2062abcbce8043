using System.Globalization;
using System.Net;
using Dapper;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;

namespace Reeve.Portal.Tests.Web;

/// <summary>
/// A resident sees only the accounts they have proven. Every portal route that names an account is found from the
/// app's own endpoints (so a route added later is covered without changing this test) and tried with every other
/// account's reference and id: each answers 404. The same routes answer for the resident's own account, so the
/// 404s are the check working, not routes that never answer. The two sign-ins never stand in for each other.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OnlyLinkedAccountsTests(PortalAppFixture app)
{
    /// <summary>The portal's routes that take an account reference, as the app maps them.</summary>
    private IReadOnlyList<string> AccountRoutes() =>
        app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => r.StartsWith("/portal/", StringComparison.OrdinalIgnoreCase) && r.Contains("{reference}", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private static string Fill(string route, string reference, int year, long noticeId) => route
        .Replace("{reference}", reference, StringComparison.Ordinal)
        .Replace("{year:int}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{noticeId:long}", noticeId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A paper letter stored for the account (a copy of its bill), so the letter route has something to refuse.</summary>
    private async Task<long> LetterForAsync(long accountId)
    {
        await using var connection = await app.Database.OpenAsync();
        var now = SystemClock.Instance.GetCurrentInstant();
        var sent = await OneOffLetters.SendAsync(connection, app.Council, accountId, LetterType.DemandNotice, UkTime.Today(SystemClock.Instance),
            "portal-test/" + Guid.NewGuid().ToString("N"), "portal-test", now);
        return sent.ShouldBeOfType<Outcome<StoredNotice>.Done>().Value.NoticeId;
    }

    [Fact]
    public void Every_portal_page_is_for_signed_in_residents_or_says_it_is_open()
    {
        // Only the sign-in steps are open; every other page demands the resident policy (the officers' fallback policy,
        // which no resident meets, would otherwise apply: closed, but unusable).
        var endpoints = app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).StartsWith("/portal", StringComparison.OrdinalIgnoreCase)).ToList();
        endpoints.Count.ShouldBeGreaterThan(8);
        var open = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Order(StringComparer.Ordinal).ToList();
        open.ShouldBe(["/portal", "/portal/check-email", "/portal/set-up", "/portal/sign-in", "/portal/sign-out"]);
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null))
        {
            endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Policy)
                .ShouldContain(Security.ResidentAuthentication.Policy, endpoint.RoutePattern.RawText);
        }
    }

    [Fact]
    public async Task A_resident_gets_404_for_every_other_account_on_every_account_route()
    {
        var mine = (await app.BilledAccountsAsync(skip: 4, take: 1)).Single();
        var routes = AccountRoutes();
        routes.Count.ShouldBeGreaterThanOrEqualTo(4, "the account page, the bill, its PDF and a letter's PDF at least: " + string.Join(", ", routes));
        await using var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await PortalBrowserTests.SignUpAsync(page, app, mine, $"only-mine-{Guid.NewGuid():N}@example.com", axe: false);

        await using var connection = await app.Database.OpenAsync();
        var year = await connection.ExecuteScalarAsync<int>("select max(financial_year) from bill where council_id = @c and account_id = @a", new { c = app.Council.Value, a = mine.AccountId });
        var myLetter = await LetterForAsync(mine.AccountId);
        foreach (var route in routes)
        {
            var own = await context.APIRequest.GetAsync(Fill(route, mine.Reference, year, myLetter), new() { MaxRedirects = 0 });
            own.Status.ShouldBe(200, $"{route} for the resident's own account");
        }

        var others = (await connection.QueryAsync<(long AccountId, int Council, string Reference)>(
            "select account_id, council_id, reference from account where reference <> @reference order by council_id, account_id",
            new { reference = mine.Reference })).ToList();
        others.Count.ShouldBeGreaterThan(10);
        var theirLetter = await LetterForAsync((await app.BilledAccountsAsync(skip: 6, take: 1)).Single().AccountId);
        var tried = 0;
        foreach (var (accountId, _, reference) in others)
        {
            foreach (var route in routes)
            {
                foreach (var asked in new[] { reference, accountId.ToString(CultureInfo.InvariantCulture) })
                {
                    var response = await context.APIRequest.GetAsync(Fill(route, asked, year, theirLetter), new() { MaxRedirects = 0 });
                    response.Status.ShouldBe(404, $"{route} with {asked}");
                    tried++;
                }
            }
        }

        // The letter of another account asked for under the resident's own reference is refused too.
        (await context.APIRequest.GetAsync($"/portal/accounts/{mine.Reference}/letters/{theirLetter}/pdf", new() { MaxRedirects = 0 })).Status.ShouldBe(404);
        tried.ShouldBe(others.Count * routes.Count * 2);
    }

    [Fact]
    public async Task The_resident_cookie_opens_no_officer_page_and_the_officer_cookie_opens_no_portal_page()
    {
        var mine = (await app.BilledAccountsAsync(skip: 5, take: 1)).Single();
        await using var resident = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        resident.SetDefaultTimeout(90_000);
        var page = await resident.NewPageAsync();
        await PortalBrowserTests.SignUpAsync(page, app, mine, $"cookies-{Guid.NewGuid():N}@example.com", axe: false);
        var cookie = (await resident.CookiesAsync()).Single(c => c.Name == Security.ResidentAuthentication.CookieName);
        cookie.Path.ShouldBe("/portal");
        cookie.HttpOnly.ShouldBeTrue();

        // Sent to the officer pages by hand (a browser would not even send it there): still signed out.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        foreach (var path in new[] { "/", $"/accounts/{mine.Reference}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
            using var response = await http.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().ShouldContain("/sign-in?returnUrl=");
            response.Headers.Location!.ToString().ShouldNotContain("/portal/");
        }

        using (var api = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/accounts/{mine.Reference}"))
        {
            api.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
            using var response = await http.SendAsync(api);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await using var officer = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        officer.SetDefaultTimeout(90_000);
        var officerPage = await officer.NewPageAsync();
        await officerPage.GotoAsync("/sign-in");
        await officerPage.GetByLabel("Username").FillAsync("officer");
        await officerPage.GetByLabel("Password").FillAsync(PortalAppFixture.OfficerPassword);
        await officerPage.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await officerPage.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        (await officer.APIRequest.GetAsync("/", new() { MaxRedirects = 0 })).Status.ShouldBe(200);
        foreach (var path in new[] { "/portal/accounts", $"/portal/accounts/{mine.Reference}" })
        {
            var response = await officer.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            response.Status.ShouldBe(302, path);
            response.Headers["location"].ShouldContain("/portal/sign-in");
        }
    }
}
