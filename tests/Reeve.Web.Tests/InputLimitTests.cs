using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

/// <summary>The inputs found accepted or crashing when the app was probed: each is refused in the design system's or the API's words.</summary>
[Collection(WebCollection.Name)]
public sealed class InputLimitTests(ReeveAppFixture app)
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", body);
        JsonNode.Parse(body)!["status"]!.GetValue<int>().ShouldBe((int)status);
    }

    private static async Task<HttpResponseMessage> PostRawAsync(OfficerClient client, string path, string body, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Add("X-Reeve-Api", "1");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_search_of_10000_characters_gets_the_search_page_with_an_error_summary_not_a_bare_414()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.GetAsync("/?q=" + new string('a', 10_000));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain("Search for 100 characters or fewer");
    }

    [Fact]
    public async Task An_address_longer_than_the_app_reads_gets_a_gov_uk_page_and_the_api_problem_details()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var page = await client.GetAsync("/?q=" + new string('a', 30_000));
        var api = await client.GetAsync("/api/v1/search?q=" + new string('a', 30_000));

        page.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.ShouldContain("govuk-heading-l");
        html.ShouldContain("The web address is too long");
        await ShouldBeProblemAsync(api, HttpStatusCode.RequestUriTooLong);
    }

    [Theory]
    [InlineData(40 * 1024 * 1024, false)]
    [InlineData(2 * 1024 * 1024, true)]
    public async Task An_api_body_of_40_MB_or_past_the_limit_without_a_length_gets_413_problem_details_not_a_500_page(int bytes, bool chunked)
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var body = new StreamContent(new MemoryStream(new byte[bytes]));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        body.Headers.ContentLength = chunked ? null : bytes;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{reference}/payment-method") { Content = body };
        request.Headers.Add("X-Reeve-Api", "1");
        request.Headers.ExpectContinue = !chunked;
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await client.SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_text_plain_api_body_gets_415_problem_details_not_an_html_page()
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        using var response = await PostRawAsync(client, $"/api/v1/people/{partyId}/income-and-expenditure", "householdAdults=1", "text/plain");

        await ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_malformed_json_api_body_gets_400_problem_details()
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        using var response = await PostRawAsync(client, $"/api/v1/people/{partyId}/income-and-expenditure", "{\"householdAdults\": ", "application/json");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        (await app.CountAsync("select count(*) from income_expenditure where party_id = @partyId", new { partyId })).ShouldBe(0);
    }

    [Fact]
    public async Task Saving_empty_letter_wording_shows_an_error_summary_not_a_500()
    {
        using var client = await OfficerClient.SignedInAsync(app, "manager");
        var formPage = "/letters/templates/reminder/letter";
        var versions = await app.CountAsync("select count(*) from letter_template");

        var response = await client.PostFormAsync(formPage, Date("effectiveFrom", Today.PlusDays(1), new() { ["source"] = "", ["action"] = "save" }), formPage);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain("Enter the wording");
        (await app.CountAsync("select count(*) from letter_template")).ShouldBe(versions);
    }

    [Fact]
    public async Task Year_0_on_the_charges_page_is_refused_in_an_error_summary_not_shown_as_0_01()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = WebUtility.HtmlDecode(await client.GetPageAsync("/council-tax/charges?year=0"));

        html.ShouldContain("govuk-error-summary");
        html.ShouldContain("The year must be between 1993 and 2100");
        html.ShouldNotContain("0/01");
        (await client.GetAsync("/council-tax/charges/0/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_award_ending_before_it_starts_is_refused_and_not_saved()
    {
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, sam, ThisYear.FirstDay);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var formPage = $"/properties/{uprn}/award";
        var fields = Date("from", ThisYear.FirstDay.PlusDays(30), Date("to", ThisYear.FirstDay, new()
        {
            ["kind"] = "reduction", ["partyId"] = Id(sam), ["evidence"] = "CTR assessment 1234", ["percent"] = "20",
        }));

        var response = await client.PostFormAsync(formPage, fields, formPage);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain("The date the award ends must be the same as or after the date the award starts");
        (await app.CountAsync("select count(*) from ctax_award where uprn = @uprn", new { uprn })).ShouldBe(0);
    }

    [Fact]
    public async Task A_creditor_name_of_10000_characters_is_refused_on_the_page_and_by_the_api()
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var creditor = new string('C', 10_000);

        var page = await client.PostFormAsync($"/people/{partyId}/income-and-expenditure", new()
        {
            ["householdAdults"] = "1", ["householdChildren"] = "0", ["income-earnings"] = "900.00", ["debt1-creditor"] = creditor, ["debt1-balance"] = "300.00",
        });
        var api = await client.PostJsonAsync($"/api/v1/people/{partyId}/income-and-expenditure", new
        {
            householdAdults = 1,
            householdChildren = 0,
            monthlyIncome = new { earnings = "900.00" },
            monthlyExpenditure = new { foodAndHousekeeping = "300.00" },
            debts = new[] { new { reference = creditor, kind = "energy", balance = "300.00", priority = true } },
        });

        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain("Who other debt 1 is owed to must be 100 characters or fewer");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await api.Content.ReadAsStringAsync());
        (await app.CountAsync("select count(*) from income_expenditure where party_id = @partyId", new { partyId })).ShouldBe(0);
    }

    [Fact]
    public async Task A_breathing_space_typed_with_a_10000_character_reference_or_a_postcode_of_sql_is_refused_and_holds_nothing()
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        var holds = await app.CountAsync("select count(*) from account_hold");
        var spaces = await app.CountAsync("select count(*) from breathing_space");

        var longReference = await officer.PostFormAsync($"/people/{partyId}/breathing-space", Date("start", Today, new()
        {
            ["kind"] = "standard", ["reference"] = new string('R', 10_000), ["source"] = "Insolvency Service email",
        }));
        var sqlPostcode = await leader.PostFormAsync("/people/queues?handler=Notify", Date("start", Today, new()
        {
            ["kind"] = "standard", ["reference"] = "BS-" + Guid.NewGuid().ToString("N")[..8], ["notifiedName"] = "Sam Example", ["postcode"] = "' OR 1=1 --",
        }), formPage: "/people/queues");

        var first = WebUtility.HtmlDecode(await longReference.Content.ReadAsStringAsync());
        first.ShouldContain("govuk-error-summary");
        first.ShouldContain("35 characters or fewer");
        var second = WebUtility.HtmlDecode(await sqlPostcode.Content.ReadAsStringAsync());
        second.ShouldContain("govuk-error-summary");
        second.ShouldContain("Enter a real postcode");
        (await app.CountAsync("select count(*) from breathing_space")).ShouldBe(spaces);
        (await app.CountAsync("select count(*) from account_hold")).ShouldBe(holds);
    }
}
