using System.Net;
using Microsoft.Playwright;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

/// <summary>Adding a new person from the page, with the likely-duplicate check before saving, in a browser with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AddPersonBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task An_officer_adds_a_new_person_after_being_shown_a_namesake_on_file_with_no_wcag_violations()
    {
        var (forenames, surname) = await app.QueryAsync<(string, string)>(
            "select forenames, surname from party_name where council_id = @c and forenames is not null and surname is not null order by party_id limit 1",
            new { c = app.HomeCouncil.Value });
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a person or organisation not yet on file" }).ClickAsync();
        await page.WaitForURLAsync("**/people/new");
        await AssertAccessibleAsync(page, "add a person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Enter the person's surname");
        await AssertAccessibleAsync(page, "add a person with errors");

        await page.GetByLabel("First names").FillAsync(forenames);
        await page.GetByLabel("Surname").FillAsync(surname);
        await page.GetByLabel("Address line 1", new() { Exact = true }).FillAsync("14 Canal Wharf");
        await page.GetByLabel("Town or city").FillAsync("Leeds");
        await page.GetByLabel("Postcode").FillAsync("ls1 4ap");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        (await page.Locator("#possible-matches").InnerTextAsync()).ShouldContain("same surname");
        await AssertAccessibleAsync(page, "add a person with possible duplicates");
        var before = await app.CountAsync("select count(*) from party where council_id = @c", new { c = app.HomeCouncil.Value });

        await page.GetByLabel("None of these is the same; add a new record").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/people/[0-9]+(\\?|$)"));
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain($"{forenames} {surname} added");
        (await app.CountAsync("select count(*) from party where council_id = @c", new { c = app.HomeCouncil.Value })).ShouldBe(before + 1);
        (await app.CountAsync("select count(*) from audit_log where action = 'create' and subject_kind = 'person'")).ShouldBeGreaterThan(0);
    }
}

[Collection(WebCollection.Name)]
public sealed class AddPersonApiTests(ReeveAppFixture app)
{
    private static object Body(string surname, string postcode = "LS1 4AP", bool noneOfThese = false) => new
    {
        kind = "person", forenames = "Ottoline", surname, dateOfBirth = "1983-06-21",
        address = new { line1 = "3 Canal Wharf", town = "Leeds", postcode }, email = "o.test@example.com", noneOfTheseIsTheSame = noneOfThese,
    };

    [Fact]
    public async Task The_api_adds_a_person_and_answers_a_second_like_them_with_the_possible_match_until_told_they_differ()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var surname = "Quennell-" + Guid.NewGuid().ToString("N")[..6];

        var first = await client.PostJsonAsync("/api/v1/people", Body(surname));
        var second = await client.PostJsonAsync("/api/v1/people", Body(surname, "M1 1AE"));
        var third = await client.PostJsonAsync("/api/v1/people", Body(surname, "M1 1AE", noneOfThese: true));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = System.Text.Json.Nodes.JsonNode.Parse(await first.Content.ReadAsStringAsync())!["partyId"]!.GetValue<long>();
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        problem["matches"]![0]!["partyId"]!.GetValue<long>().ShouldBe(id);
        third.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("postcode", "' OR 1=1 --", "1983-06-21")]
    [InlineData("dateOfBirth", "LS1 4AP", "1983-02-30")]
    public async Task The_api_refuses_bad_input_naming_the_field_and_saves_nothing(string field, string postcode, string born)
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var before = await app.CountAsync("select count(*) from party");

        var response = await client.PostJsonAsync("/api/v1/people", new
        {
            kind = "person", forenames = "Ada", surname = "Refused", dateOfBirth = born, address = new { line1 = "1 Park Row", town = "Leeds", postcode },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(field);
        (await app.CountAsync("select count(*) from party")).ShouldBe(before);
    }
}
