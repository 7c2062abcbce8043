using System.Net;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Web.Tests;

/// <summary>Direct Debit lodgement and collection runs started from the Direct Debit page, with their files to download (issue 17).</summary>
[Collection(WebCollection.Name)]
public sealed class DirectDebitRunPageTests(ReeveAppFixture app)
{
    private static Dictionary<string, string> Day(string name, LocalDate date) => new()
    {
        [$"{name}-day"] = date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{name}-month"] = date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{name}-year"] = date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_lodgement_is_made_from_the_page_once_and_its_file_downloads_and_both_are_audited()
    {
        var reference = await DirectDebitSetup.AccountWithoutMandateAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var mandatePage = $"/accounts/{reference}/direct-debit";
        (await client.PostFormAsync(mandatePage + "?handler=setUp",
            new() { ["payerName"] = "Sam Lodger", ["sortCode"] = "08-99-99", ["accountNumber"] = "66374958" }, formPage: mandatePage)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var processing = WorkingDays.EnglandAndWales.AddWorkingDays(UkTime.Today(SystemClock.Instance), 3);
        var lodgementsBefore = await app.CountAsync("select count(*) from dd_lodgement where council_id = @c", new { c = app.HomeCouncil.Value });

        var made = await client.PostFormAsync("/direct-debit?handler=lodge", Day("lodgeDate", processing), formPage: "/direct-debit");
        var page = await client.GetPageAsync("/direct-debit");
        var again = await client.PostFormAsync("/direct-debit?handler=lodge", Day("lodgeDate", processing), formPage: "/direct-debit");
        var second = await client.GetPageAsync("/direct-debit");

        made.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.ShouldContain("AUDDIS file");
        page.ShouldContain(Features.Display.Show.Date(processing));
        var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/direct-debit/lodgements/(\\d+)/file)\" data-testid=\"new-bacs-file\"");
        link.Success.ShouldBeTrue("the notice links to the new file");
        var file = await client.GetAsync(link.Groups[1].Value);
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await file.Content.ReadAsStringAsync()).ShouldContain("SAM LODGER");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.ShouldContain("nothing was lodged twice");
        (await app.CountAsync("select count(*) from dd_lodgement where council_id = @c", new { c = app.HomeCouncil.Value })).ShouldBe(lodgementsBefore + 1);
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and action = 'download' and subject_kind = 'bacs-file' and subject_id = @id",
            new { c = app.HomeCouncil.Value, id = link.Groups[2].Value })).ShouldBe(1);
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and action = 'change' and subject_kind = 'bacs-file' and subject_id = @id",
            new { c = app.HomeCouncil.Value, id = "lodgement " + link.Groups[2].Value })).ShouldBe(1);
    }

    [Fact]
    public async Task A_collection_run_needs_a_processing_day_and_an_auditor_may_start_neither_run()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        using var auditor = await OfficerClient.SignedInAsync(app, "auditor");
        var runsBefore = await app.CountAsync("select count(*) from dd_collection_run where council_id = @c", new { c = app.HomeCouncil.Value });

        var blank = await client.PostFormAsync("/direct-debit?handler=collect", new() { ["collectDate-day"] = "", ["collectDate-month"] = "", ["collectDate-year"] = "" }, formPage: "/direct-debit");
        var auditorPage = await auditor.GetPageAsync("/direct-debit");
        var auditorPost = await auditor.PostFormAsync("/direct-debit?handler=collect",
            Day("collectDate", WorkingDays.EnglandAndWales.AddWorkingDays(UkTime.Today(SystemClock.Instance), 3)), formPage: "/direct-debit");

        blank.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await blank.Content.ReadAsStringAsync()).ShouldContain("Enter the Bacs processing day");
        auditorPage.ShouldNotContain("Make the collection file");
        auditorPost.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CountAsync("select count(*) from dd_collection_run where council_id = @c", new { c = app.HomeCouncil.Value })).ShouldBe(runsBefore);
    }
}
