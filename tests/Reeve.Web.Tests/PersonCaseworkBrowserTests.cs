using System.Globalization;
using Microsoft.Playwright;
using static Reeve.Web.Tests.BrowserTests;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PersonCaseworkBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private static async Task FillDateAsync(ILocator group, NodaTime.LocalDate date)
    {
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    // Waits for the page a form redirects to; if the form came back instead, says what the page said.
    private static async Task ArriveAsync(IPage page, string url)
    {
        try
        {
            await page.WaitForURLAsync(url, new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Expected {url} but stayed on {page.Url}: {await page.Locator("main").InnerTextAsync()}");
        }
    }

    [Fact]
    public async Task An_officer_takes_an_income_and_expenditure_agrees_an_arrangement_and_a_breathing_space_holds_and_releases_the_accounts()
    {
        // A person liable since the start of last year with nothing paid: two years of council tax arrears.
        var uprn = await NewDwellingAsync(app);
        var (partyId, name) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, partyId, ThisYear.Previous.FirstDay);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "teamleader");

        // Find the person.
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(name.Split(' ')[1]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/people/{partyId}");
        (await page.Locator("#person-accounts").InnerTextAsync()).ShouldContain(ThisYear.Previous.ToString());
        await AssertAccessibleAsync(page, "person page with arrears");

        // Take an income and expenditure statement.
        await page.GetByRole(AriaRole.Link, new() { Name = "Take income and expenditure" }).ClickAsync();
        await AssertAccessibleAsync(page, "income and expenditure form");
        await page.GetByLabel("Earnings after tax (£)").FillAsync("1800.00");
        await page.GetByLabel("Home and contents (£)").FillAsync("900.00");
        await page.GetByLabel("Food and housekeeping (£)").FillAsync("400.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save income and expenditure" }).ClickAsync();
        await ArriveAsync(page, $"**/people/{partyId}#income-and-expenditure");
        (await page.Locator("#ie-summary").InnerTextAsync()).ShouldContain("£500.00");

        // Agree the arrangement the offer proposes: recovery is held on the account.
        await page.GetByRole(AriaRole.Link, new() { Name = "Arrangement", Exact = true }).ClickAsync();
        (await page.Locator("#offer").InnerTextAsync()).ShouldContain("£500.00");
        await AssertAccessibleAsync(page, "arrangement offer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree arrangement" }).ClickAsync();
        await ArriveAsync(page, $"**/people/{partyId}#arrangements");
        (await page.Locator("#arrangement-list").InnerTextAsync()).ShouldContain("kept");
        (await page.Locator("#hold-list").InnerTextAsync()).ShouldContain("Arrangement to pay");
        (await page.Locator("#person-accounts").InnerTextAsync()).ShouldContain("Held");

        // Start a Breathing Space: every account is held for it too.
        await page.GetByRole(AriaRole.Link, new() { Name = "Breathing Space", Exact = true }).ClickAsync();
        await AssertAccessibleAsync(page, "Breathing Space form");
        await page.GetByLabel("Insolvency Service reference").FillAsync("BS-WALK-" + partyId.ToString(CultureInfo.InvariantCulture));
        await FillDateAsync(page.GetByRole(AriaRole.Group, new() { Name = "Start date" }), Today.PlusDays(-10));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start Breathing Space" }).ClickAsync();
        await ArriveAsync(page, $"**/people/{partyId}#breathing-space");
        var holds = page.Locator("#hold-list tbody tr", new() { HasText = "Breathing Space" });
        (await holds.InnerTextAsync()).ShouldContain("In force");
        (await holds.InnerTextAsync()).ShouldContain("SI 2020/1311");

        // End it yesterday: the Breathing Space hold is no longer in force, the arrangement's still is.
        await page.GetByRole(AriaRole.Link, new() { Name = "Breathing Space", Exact = true }).ClickAsync();
        await FillDateAsync(page.GetByRole(AriaRole.Group, new() { Name = "Last day of the Breathing Space" }), Today.PlusDays(-1));
        await page.GetByRole(AriaRole.Button, new() { Name = "End Breathing Space" }).ClickAsync();
        await ArriveAsync(page, $"**/people/{partyId}#breathing-space");
        (await page.Locator("#hold-list tbody tr", new() { HasText = "Breathing Space" }).InnerTextAsync()).ShouldContain("Not in force");
        (await page.Locator("#hold-list tbody tr", new() { HasText = "Arrangement to pay" }).InnerTextAsync()).ShouldContain("In force");
        await AssertAccessibleAsync(page, "person page with arrangement, holds and Breathing Space");

        // Miss the first arrangement payment (due in 14 days): the letter is queued and the grace period starts.
        await page.GetByRole(AriaRole.Link, new() { Name = "Arrangement", Exact = true }).ClickAsync();
        await FillDateAsync(page.GetByRole(AriaRole.Group, new() { Name = "Check the payments made by" }), Today.PlusDays(16));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check payments" }).ClickAsync();
        await ArriveAsync(page, $"**/people/{partyId}#arrangements");
        (await page.Locator(".govuk-notification-banner").InnerTextAsync()).ShouldContain("1 missed");
        (await app.CountAsync(
            "select count(*) from letter_request r join account_party p on p.council_id = r.council_id and p.account_id = r.account_id " +
            "where r.council_id = @c and p.party_id = @partyId and r.letter_type = 'arrangement'", new { c = app.HomeCouncil.Value, partyId })).ShouldBe(1);

        foreach (var path in new[] { $"/people/{partyId}/vulnerability", "/people/queues" })
        {
            await page.GotoAsync(path);
            await AssertAccessibleAsync(page, path);
        }
    }
}
