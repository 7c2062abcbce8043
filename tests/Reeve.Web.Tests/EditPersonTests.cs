using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class EditPersonTests(ReeveAppFixture app)
{
    private static async Task<long> AddAsync(OfficerClient client, string surname)
    {
        using var added = await client.PostJsonAsync("/api/v1/people", new
        {
            kind = "person", forenames = "Perpetua", surname, address = new { line1 = "5 Canal Wharf", town = "Leeds", postcode = "LS1 4AP" },
            email = "p.test@example.com", noneOfTheseIsTheSame = true,
        });
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (long)JsonNode.Parse(await added.Content.ReadAsStringAsync())!["partyId"]!;
    }

    [Fact]
    public async Task An_officer_changes_a_name_from_the_page_and_the_old_name_stays_as_a_former_name()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var id = await AddAsync(client, "Quillfeather");

        using var refused = await client.PostFormAsync($"/people/{id}/edit", new()
        {
            ["version"] = "1", ["forenames"] = "Perpetua", ["surname"] = "Inkwell", ["email"] = "p.test@example.com",
        });
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Enter the date the name changed");

        using var saved = await client.PostFormAsync($"/people/{id}/edit", new()
        {
            ["version"] = "1", ["forenames"] = "Perpetua", ["surname"] = "Inkwell", ["email"] = "p.test@example.com",
            ["nameFrom-day"] = "1", ["nameFrom-month"] = "6", ["nameFrom-year"] = "2025", ["reason"] = "Deed poll",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await client.GetPageAsync($"/people/{id}");
        page.ShouldContain("Perpetua Inkwell");
        page.ShouldContain("Perpetua Quillfeather");
        page.ShouldContain("since 1 June 2025");
        (await app.CountAsync("select count(*) from audit_log where action = 'change' and subject_kind = 'person' and subject_id = @id",
            new { id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBe(1);
    }

    [Fact]
    public async Task The_api_changes_contact_details_and_refuses_a_stale_version()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var id = await AddAsync(client, "Marchbanks");

        using var changed = await client.SendAsync(Patch($"/api/v1/people/{id}", new { version = 1, contacts = new { phone = "0113 496 0001" } }));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stale = await client.SendAsync(Patch($"/api/v1/people/{id}", new { version = 1, dateOfBirth = "1980-01-01" }));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var person = await client.GetJsonAsync($"/api/v1/people/{id}");
        person.ToJsonString().ShouldContain("0113 496 0001");
        person.ToJsonString().ShouldNotContain("p.test@example.com");
    }

    private static HttpRequestMessage Patch(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Reeve-Api", "1");
        return request;
    }
}
