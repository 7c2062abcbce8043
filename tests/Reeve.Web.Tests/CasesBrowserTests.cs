using System.Globalization;
using System.IO.Compression;
using Microsoft.Playwright;
using Reeve.Cases.Domain;
using Reeve.Kernel;
using static Reeve.Web.Tests.BrowserTests;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CasesBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> SignedInPageAsync(IBrowserContext context, string username)
    {
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, username);
        return page;
    }

    // FOIA s10(1): logged today, the FOI is answered within its 20 working days and the answer is kept as a PDF.
    [Fact]
    public async Task An_officer_logs_an_foi_request_and_answers_it_within_its_clock()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await SignedInPageAsync(context, "officer");
        await page.GotoAsync("/cases");
        await AssertAccessibleAsync(page, "cases list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Log a new case" }).ClickAsync();
        await page.GetByLabel("Freedom of Information request").CheckAsync();
        await page.GetByLabel("Who is it from?").FillAsync("Browser Test Newsdesk");
        await page.GetByLabel("Address to reply to").FillAsync("9 Print Lane\nEastmere\nEM9 9ZZ");
        await page.GetByLabel("What is it about?").FillAsync("How many empty homes pay the premium?");
        await AssertAccessibleAsync(page, "log a new case");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the case" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/cases/\d+(\?[^#]*)?$"));

        var deadline = CaseClock.Read(StatutoryClocks.InForce(CaseKind.Foi, Today)!, Today, [], false).Deadline!.Value;
        (await page.GetByTestId("case-deadline").InnerTextAsync()).ShouldContain(DateText.FormatLong(deadline));
        (await page.GetByTestId("case-days-left").InnerTextAsync()).ShouldContain("days left");
        await AssertAccessibleAsync(page, "an open FOI case");

        await page.GetByLabel("Information given").CheckAsync();
        await page.GetByLabel("Response", new() { Exact = true }).FillAsync("37 empty homes pay the premium.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the response and close the case" }).ClickAsync();
        await page.GetByText("answered and closed").WaitForAsync();
        (await page.GetByTestId("case-state").InnerTextAsync()).ShouldContain("Closed on " + DateText.FormatLong(Today));
        await AssertAccessibleAsync(page, "an answered FOI case");
        var download = await page.RunAndWaitForDownloadAsync(async () =>
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Response letter of") }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Reeve.TestKit.PdfText.Read(pdf).ShouldContain("37 empty homes pay the premium.");
    }

    // UK GDPR Art 15: the pack is made from the person's page and downloaded as a zip.
    [Fact]
    public async Task An_officer_exports_a_subject_access_pack_from_the_person_page()
    {
        var (partyId, name) = await NewPersonAsync(app);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await SignedInPageAsync(context, "officer");
        await page.GotoAsync($"/people/{partyId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Subject access pack" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Subject access pack");
        await AssertAccessibleAsync(page, "subject access pack page");
        var download = await page.RunAndWaitForDownloadAsync(async () =>
            await page.GetByRole(AriaRole.Button, new() { Name = "Download the subject access pack" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith($"subject-access-{partyId.ToString(CultureInfo.InvariantCulture)}-");
        using var zip = ZipFile.OpenRead((await download.PathAsync())!);
        zip.Entries.Select(e => e.FullName).ShouldContain("ledger.csv");
        new StreamReader(zip.GetEntry("personal-details.csv")!.Open()).ReadToEnd().ShouldContain(name);
    }
}
