using Microsoft.Playwright;
using static Reeve.Web.Tests.BrowserTests;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class TracingBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> SignedInPageAsync(IBrowserContext context)
    {
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer");
        return page;
    }

    [Fact]
    public async Task The_income_and_expenditure_totals_change_as_the_officer_types()
    {
        var (partyId, _) = await NewPersonAsync(app);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInPageAsync(context);
        await page.GotoAsync($"/people/{partyId}/income-and-expenditure");
        (await page.Locator("#total-income").InnerTextAsync()).ShouldBe("£0.00");

        await page.GetByLabel("Earnings after tax (£)").FillAsync("1,800.10");
        await page.GetByLabel("Benefits and tax credits (£)").FillAsync("0.2");
        await page.GetByLabel("Home and contents (£)").FillAsync("900");
        await page.GetByLabel("Food and housekeeping (£)").FillAsync("400.05");

        // 180,010p + 20p in; 90,000p + 40,005p out; 50,025p over: exact pence, no floating-point drift.
        await Assertions.Expect(page.Locator("#total-income")).ToHaveTextAsync("£1,800.30");
        await Assertions.Expect(page.Locator("#total-expenditure")).ToHaveTextAsync("£1,300.05");
        await Assertions.Expect(page.Locator("#balance-label")).ToHaveTextAsync("Surplus");
        await Assertions.Expect(page.Locator("#total-balance")).ToHaveTextAsync("£500.25");
        (await page.Locator("#ie-totals").GetAttributeAsync("aria-live")).ShouldBe("polite");

        await page.GetByLabel("Travel (£)").FillAsync("600");
        await Assertions.Expect(page.Locator("#balance-label")).ToHaveTextAsync("Deficit");
        await Assertions.Expect(page.Locator("#total-balance")).ToHaveTextAsync("£99.75");
        await page.GetByLabel("Pensions (£)").FillAsync("twelve");
        await Assertions.Expect(page.Locator("#totals-skipped")).ToHaveTextAsync("1 amount is not money and not counted.");
        await AssertAccessibleAsync(page, "income and expenditure form with live totals");
    }

    [Fact]
    public async Task Without_javascript_the_totals_come_from_the_server_when_the_officer_asks()
    {
        var (partyId, _) = await NewPersonAsync(app);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), JavaScriptEnabled = false });
        var page = await SignedInPageAsync(context);
        await page.GotoAsync($"/people/{partyId}/income-and-expenditure");

        await page.GetByLabel("Earnings after tax (£)").FillAsync("1200");
        await page.GetByLabel("Home and contents (£)").FillAsync("950.50");
        (await page.Locator("#total-income").InnerTextAsync()).ShouldBe("£0.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Work out totals" }).ClickAsync();

        await Assertions.Expect(page.Locator("#total-income")).ToHaveTextAsync("£1,200.00");
        (await page.Locator("#total-balance").InnerTextAsync()).ShouldBe("£249.50");
        (await page.Locator("#balance-label").InnerTextAsync()).ShouldBe("Surplus");
        (await page.GetByLabel("Earnings after tax (£)").InputValueAsync()).ShouldBe("1200");
        // No axe check here: axe runs as a script, which this context forbids; the same page is checked with JavaScript.
    }

    [Fact]
    public async Task An_officer_marks_post_returned_works_the_trace_from_the_queue_and_records_the_found_address()
    {
        var uprn = await NewDwellingAsync(app);
        var (partyId, name) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, partyId, ThisYear.Previous.FirstDay);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInPageAsync(context);

        await page.GotoAsync($"/people/{partyId}/contact-preferences");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post came back gone away" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl($"/people/{partyId}/contact-preferences"));
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("trace task");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tracing", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/people/tracing");
        (await page.Locator("#trace-queue").InnerTextAsync()).ShouldContain(name);
        await AssertAccessibleAsync(page, "trace work queue");
        await page.GetByLabel("Officer").SelectOptionAsync("officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filter" }).ClickAsync();
        await page.WaitForURLAsync("**/people/tracing?officer=officer*");
        await page.GetByRole(AriaRole.Link, new() { Name = name }).First.ClickAsync();
        await page.WaitForURLAsync("**/people/tracing/*");
        await AssertAccessibleAsync(page, "trace task");

        await page.GetByRole(AriaRole.Button, new() { Name = "Record source" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Choose the source you tried");
        await AssertAccessibleAsync(page, "trace task with an error");
        await page.GetByLabel("Credit reference agency").CheckAsync();
        await page.GetByLabel("A lead to follow up").CheckAsync();
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Linked address in Eastmere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record source" }).ClickAsync();
        await Assertions.Expect(page.Locator("#attempts")).ToContainTextAsync("Linked address in Eastmere");

        await page.GetByLabel("Address line 1").FillAsync("4 Quarry Close");
        await page.GetByLabel("Town or city").FillAsync("Eastmere");
        await page.GetByLabel("Postcode").FillAsync("EM4 2QD");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record found address" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl($"/people/{partyId}"));
        (await page.Locator(".govuk-summary-list").First.InnerTextAsync()).ShouldContain("4 Quarry Close, Eastmere, EM4 2QD");
        (await page.Locator("#tracing").InnerTextAsync()).ShouldContain("Open a trace");
        await AssertAccessibleAsync(page, "person page after a trace");
    }
}
