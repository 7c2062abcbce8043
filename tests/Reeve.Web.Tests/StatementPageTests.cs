using System.Net;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class StatementPageTests(ReeveAppFixture app)
{
    [Fact]
    public async Task The_statement_shows_the_period_from_the_ledger_and_downloads_the_same_as_csv()
    {
        var reference = await PaymentsSetup.AccountInCreditAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var today = CouncilTaxSetup.Today;
        var query = $"from-day=1&from-month=1&from-year=2000&to-day={today.Day}&to-month={today.Month}&to-year={today.Year}";

        var html = await client.GetPageAsync($"/accounts/{reference}/statement?{query}");

        html.ShouldContain("data-testid=\"opening\">£0.00<");
        html.ShouldContain("data-testid=\"closing\">£60.00 in credit<");
        var csv = await client.GetAsync($"/accounts/{reference}/statement?{query}&format=csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(5);
        lines[^1].ShouldEndWith(",100.00,160.00,-60.00");
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and subject_id = @reference and detail like '%statement%'",
            new { c = app.HomeCouncil.Value, reference })).ShouldBe(2);
    }

    [Fact]
    public async Task A_period_ending_before_it_starts_is_a_form_error()
    {
        var reference = await PaymentsSetup.AccountInCreditAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = await client.GetPageAsync($"/accounts/{reference}/statement?from-day=2&from-month=5&from-year=2025&to-day=1&to-month=5&to-year=2025");

        html.ShouldContain("govuk-error-summary");
        html.ShouldNotContain("id=\"statement\"");
    }
}
