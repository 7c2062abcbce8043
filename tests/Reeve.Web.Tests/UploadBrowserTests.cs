using System.Text;
using Microsoft.Playwright;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

/// <summary>Uploads and Direct Debit runs in a real browser (issue 17): files chosen with the file input, each page checked with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UploadBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> SignedInPageAsync(IBrowserContext context)
    {
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer");
        return page;
    }

    internal static async Task UploadAsync(IPage page, string link, string fileName, string content, string shows)
    {
        // Straight to the uploads page: waiting on the menu link's navigation timed out once on a loaded CI machine.
        await page.GotoAsync("/uploads");
        await page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
        await AssertAccessibleAsync(page, $"{link} upload form");
        await page.GetByLabel("Upload a file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(content) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        (await page.Locator("#figures").InnerTextAsync()).ShouldContain(shows);
        await AssertAccessibleAsync(page, $"{link} preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and import" }).ClickAsync();

        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain($"{fileName} was imported");
        await AssertAccessibleAsync(page, $"{link} imported");
    }

    [Fact]
    public async Task An_officer_uploads_a_bank_statement_and_a_bacs_report_in_the_browser_with_no_wcag_violations()
    {
        var reference = await app.AccountReferenceAsync();
        var key = "BR" + UploadPageTests.Unique();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInPageAsync(context);

        await UploadAsync(page, "Bank statement (camt.053)", $"{key}.xml", UploadPageTests.Camt(key, "43.21", reference), "£43.21");
        await UploadAsync(page, "ARUDD report", $"arudd-{key}.xml", UploadPageTests.Arudd("CT9" + UploadPageTests.Unique(), "17.50"), "£17.50");
    }

    [Fact]
    public async Task An_officer_makes_an_auddis_lodgement_from_the_page_and_downloads_its_file_with_no_wcag_violations()
    {
        var reference = await DirectDebitSetup.AccountWithoutMandateAsync(app);
        using (var client = await OfficerClient.SignedInAsync(app, "officer"))
        {
            var mandatePage = $"/accounts/{reference}/direct-debit";
            await client.PostFormAsync(mandatePage + "?handler=setUp",
                new() { ["payerName"] = "Pat Browser", ["sortCode"] = "08-99-99", ["accountNumber"] = "66374958" }, formPage: mandatePage);
        }

        var processing = Reeve.Kernel.WorkingDays.EnglandAndWales.AddWorkingDays(Reeve.Kernel.UkTime.Today(NodaTime.SystemClock.Instance), 3);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await SignedInPageAsync(context);

        await page.GotoAsync("/direct-debit");
        await AssertAccessibleAsync(page, "direct debit runs");
        await page.Locator("#lodgeDate-day").FillAsync(processing.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#lodgeDate-month").FillAsync(processing.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#lodgeDate-year").FillAsync(processing.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the AUDDIS file" }).ClickAsync();
        await page.WaitForURLAsync("**/direct-debit");

        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("AUDDIS file");
        await AssertAccessibleAsync(page, "direct debit after a lodgement");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("new-bacs-file").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".txt");
        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".txt");
        await download.SaveAsAsync(saved);
        (await File.ReadAllTextAsync(saved)).ShouldContain("PAT BROWSER");
        File.Delete(saved);
    }
}
