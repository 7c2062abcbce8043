using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reeve.Officers;

namespace Reeve.Web.Tests;

/// <summary>
/// /api/v1/officers: officer administration for System Administrators through the same handlers as the /officers pages,
/// refusing what the pages refuse as problem details that name the field, and nothing saved on a refusal.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class OfficersApiTests(ReeveAppFixture app)
{
    private async Task<OfficerClient> AdminAsync() => await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(Role.SystemAdministrator));

    private object Body(string? username, string role = "Officer", string? limit = null, string displayName = "Pat Example") => new
    {
        username, displayName, email = "pat@example.gov.uk", role, councils = new[] { app.HomeCouncil.Value }, approvalLimit = limit,
    };

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()).ShouldNotBeNull();

    private static Task<HttpResponseMessage> PutAsync(OfficerClient client, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Reeve-Api", "1");
        return client.SendAsync(request);
    }

    private static string NewUsername() => "api-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task An_administrator_creates_reads_lists_changes_disables_and_enables_an_officer()
    {
        using var admin = await AdminAsync();
        var username = NewUsername();

        using var created = await admin.PostJsonAsync("/api/v1/officers", Body(username, "TeamLeader", "500.00"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var json = await JsonAsync(created);
        json["setPasswordLink"]!.GetValue<string>().ShouldContain("/officers/set-password?token=");
        var id = json["officer"]!["id"]!.GetValue<int>();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/officers/{id}");
        json["officer"]!["role"]!.GetValue<string>().ShouldBe("TeamLeader");

        var read = await admin.GetJsonAsync($"/api/v1/officers/{id}");
        read["username"]!.GetValue<string>().ShouldBe(username);
        read["approvalLimit"]!.ToJsonString().ShouldContain("500");
        read["hasPassword"]!.GetValue<bool>().ShouldBeFalse();
        (await admin.GetJsonAsync("/api/v1/officers")).AsArray().Select(o => o!["username"]!.GetValue<string>()).ShouldContain(username);

        using var changed = await PutAsync(admin, $"/api/v1/officers/{id}", Body(null, "Manager", "1000.00", "Pat Changed"));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await JsonAsync(changed);
        after["role"]!.GetValue<string>().ShouldBe("Manager");
        after["displayName"]!.GetValue<string>().ShouldBe("Pat Changed");
        after["approvalLimit"]!.ToJsonString().ShouldContain("1000");

        using var disabled = await admin.PostJsonAsync($"/api/v1/officers/{id}/disable", new { });
        (await JsonAsync(disabled))["disabled"]!.GetValue<bool>().ShouldBeTrue();
        using var enabled = await admin.PostJsonAsync($"/api/v1/officers/{id}/enable", new { });
        (await JsonAsync(enabled))["disabled"]!.GetValue<bool>().ShouldBeFalse();

        await using var connection = await app.Database.OpenAsync();
        var actions = (await Dapper.SqlMapper.QueryAsync<string>(connection,
            "select action from audit_log where subject_kind = 'officer' and subject_id = @username", new { username })).ToList();
        actions.ShouldContain(AdministerOfficers.Actions.Create);
        actions.ShouldContain(AdministerOfficers.Actions.Edit);
        actions.ShouldContain(AdministerOfficers.Actions.Disable);
        actions.ShouldContain(AdministerOfficers.Actions.Enable);
    }

    [Theory]
    [InlineData("SystemAdministrator", "100.00", "approvalLimit")]
    [InlineData("Auditor", "100.00", "approvalLimit")]
    [InlineData("Wizard", null, "role")]
    [InlineData("Officer", "lots", "approvalLimit")]
    public async Task A_refused_officer_is_a_problem_naming_the_field_and_nothing_is_saved(string role, string? limit, string field)
    {
        using var admin = await AdminAsync();
        var username = NewUsername();

        using var response = await admin.PostJsonAsync("/api/v1/officers", Body(username, role, limit));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response))["field"]!.GetValue<string>().ShouldBe(field);
        (await app.QueryAsync<long>("select count(*) from officer where username = @username", new { username })).ShouldBe(0);
    }

    [Fact]
    public async Task A_duplicate_username_is_refused_naming_the_username_and_a_change_to_an_auditor_with_a_limit_is_refused()
    {
        using var admin = await AdminAsync();
        var username = NewUsername();
        using var first = await admin.PostJsonAsync("/api/v1/officers", Body(username));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await JsonAsync(first))["officer"]!["id"]!.GetValue<int>();

        using var again = await admin.PostJsonAsync("/api/v1/officers", Body(username.ToUpperInvariant()));
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(again))["field"]!.GetValue<string>().ShouldBe("username");

        using var auditor = await PutAsync(admin, $"/api/v1/officers/{id}", Body(null, "Auditor", "10.00"));
        auditor.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(auditor))["field"]!.GetValue<string>().ShouldBe("approvalLimit");
        (await admin.GetJsonAsync($"/api/v1/officers/{id}"))["role"]!.GetValue<string>().ShouldBe("Officer");
    }

    [Theory]
    [InlineData(Role.Manager)]
    [InlineData(Role.Auditor)]
    public async Task Only_a_system_administrator_may_use_it(Role role)
    {
        using var client = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(role));

        using var list = await client.GetRawAsync("/api/v1/officers");
        using var create = await client.PostJsonAsync("/api/v1/officers", Body(NewUsername()));

        ((int)list.StatusCode).ShouldBeOneOf(401, 403);
        ((int)create.StatusCode).ShouldBeOneOf(401, 403);
    }

    [Fact]
    public async Task The_officers_api_is_in_the_openapi_document()
    {
        using var client = await AdminAsync();
        var document = await (await client.GetRawAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        document.ShouldContain("/api/v1/officers/{id}/disable");
        document.ShouldContain("CreateOfficer");
    }
}
