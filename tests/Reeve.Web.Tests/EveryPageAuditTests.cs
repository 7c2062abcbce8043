using System.Net;
using System.Net.Http.Json;
using Dapper;
using Reeve.Officers;
using Xunit.Abstractions;

namespace Reeve.Web.Tests;

/// <summary>
/// Every page and endpoint the app maps, visited as every role: a response that shows a demo resident's name, address
/// or account reference (or is a PDF, which Reeve only makes about people) must have written an audit row for the
/// officer who asked. The routes come from the app's endpoint data source, so a new page is visited without a change here.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class EveryPageAuditTests(ReeveAppFixture app, ITestOutputHelper output)
{
    public static TheoryData<Role> AllRoles() => new(Enum.GetValues<Role>());

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Every_response_that_shows_personal_data_is_audited_for_the_officer_who_saw_it(Role role)
    {
        var markers = await PersonalDataMarkersAsync();
        var visits = (await EndpointCatalogue.VisitsAsync(app, "GET")).Concat(await EndpointCatalogue.VisitsAsync(app, "POST")
            .ContinueWith(t => t.Result.Where(v => v.Handler is null && v.Route.StartsWith("/api/", StringComparison.Ordinal)))).ToList();
        var username = await app.NewOfficerAsync(role);
        using var client = await OfficerClient.SignedInAsync(app, username);
        var failures = new List<string>();
        var shown = 0;

        foreach (var visit in visits)
        {
            var before = await AuditRowsAsync(username);
            using var response = visit.Method == "GET" ? await client.GetAsync(visit.Path) : await client.PostJsonAsync(visit.Path, new { });
            var body = await response.Content.ReadAsStringAsync();
            var after = await AuditRowsAsync(username);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{visit}: {(int)response.StatusCode}");
                continue;
            }

            var personal = ShowsPersonalData(response, body, markers);
            output.WriteLine($"{visit} {(int)response.StatusCode} {personal ?? "-"} audit+{after - before}");
            if (personal is null)
            {
                continue;
            }

            shown++;
            if (after <= before)
            {
                failures.Add($"{visit} ({(int)response.StatusCode}) showed {personal} with no audit row");
            }
        }

        shown.ShouldBeGreaterThan(10, "the visits should reach pages that show residents, or the test proves nothing");
        failures.ShouldBeEmpty($"{role}: {failures.Count} of {visits.Count} visits:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_mapped_route_has_sample_paths_so_it_is_visited()
    {
        var routes = await EndpointCatalogue.RoutesAsync(app.Services);
        var samples = await EndpointCatalogue.SamplesAsync(app);

        routes.Count.ShouldBeGreaterThan(50);
        routes.Select(r => r.Pattern).Where(p => !samples.ContainsKey(p)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_page_without_its_own_audit_call_is_audited_against_the_person_or_list_it_shows()
    {
        var (person, _, _) = await app.PersonWithPropertyAsync();
        var session = await app.QueryAsync<long>("select session_id from court_session where council_id = @c order by session_id limit 1", new { c = app.HomeCouncil.Value });
        var username = await app.NewOfficerAsync(Role.TeamLeader);
        using var client = await OfficerClient.SignedInAsync(app, username);

        await client.GetPageAsync($"/people/{person}/income-and-expenditure");
        await client.GetPageAsync($"/recovery/court/{session}?handler=Csv");

        var rows = (await RowsAsync(username)).ToList();
        rows.ShouldContain(($"view", "person", person.ToString(System.Globalization.CultureInfo.InvariantCulture), $"GET /people/{person}/income-and-expenditure"));
        rows.ShouldContain(($"view", "court-session", session.ToString(System.Globalization.CultureInfo.InvariantCulture), $"GET /recovery/court/{session}?handler=Csv"));
    }

    [Fact]
    public async Task A_page_that_audits_itself_gets_no_second_row()
    {
        var (person, _, _) = await app.PersonWithPropertyAsync();
        var username = await app.NewOfficerAsync(Role.Officer);
        using var client = await OfficerClient.SignedInAsync(app, username);
        var signedIn = (await RowsAsync(username)).Count();

        await client.GetPageAsync($"/people/{person}");

        (await RowsAsync(username)).Skip(signedIn).Select(r => r.Item4).ShouldBe(["Person page"]);
    }

    private async Task<IEnumerable<(string, string, string, string)>> RowsAsync(string username)
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.QueryAsync<(string, string, string, string)>(
            "select action, subject_kind, subject_id, detail from audit_log where officer = @username order by audit_id", new { username });
    }

    private static string? ShowsPersonalData(HttpResponseMessage response, string body, IReadOnlyList<string> markers)
    {
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType == "application/pdf")
        {
            return "a PDF";
        }

        var text = WebUtility.HtmlDecode(body);
        return markers.FirstOrDefault(m => text.Contains(m, StringComparison.Ordinal)) is { } found ? $"\"{found}\"" : null;
    }

    private async Task<IReadOnlyList<string>> PersonalDataMarkersAsync()
    {
        await using var connection = await app.Database.OpenAsync();
        var c = new { c = app.HomeCouncil.Value };
        var names = await connection.QueryAsync<string>("select display_name from party_name where council_id = @c", c);
        var references = await connection.QueryAsync<string>("select reference from account where council_id = @c", c);
        var addresses = await connection.QueryAsync<string>("select address_line1 from party_address where council_id = @c", c);
        return names.Concat(references).Concat(addresses).Where(m => m.Length >= 6).Distinct().ToList();
    }

    private Task<long> AuditRowsAsync(string username) =>
        app.CountAsync("select count(*) from audit_log where officer = @username", new { username });
}
