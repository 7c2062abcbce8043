using Reeve.TestKit;
using Microsoft.Playwright;
using Reeve.CouncilTax.Domain;
using static Reeve.Web.Tests.BrowserTests;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CouncilTaxBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task An_officer_records_a_move_in_through_the_form_and_sees_the_bill_and_instalments_on_the_account()
    {
        var uprn = await NewDwellingAsync(app);
        var (_, name) = await NewPersonAsync(app);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer");

        await page.GotoAsync($"/properties/{uprn}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a move in" }).ClickAsync();
        await page.GetByLabel("Find the person moving in").FillAsync(name.Split(' ')[1]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find person" }).ClickAsync();
        await page.GetByLabel(name).CheckAsync();
        await page.GetByLabel("Tenant", new() { Exact = true }).CheckAsync();
        var from = page.GetByRole(AriaRole.Group, new() { Name = "When did they move in?" });
        await from.GetByLabel("Day").FillAsync("1");
        await from.GetByLabel("Month").FillAsync("4");
        await from.GetByLabel("Year").FillAsync(ThisYear.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record move in" }).ClickAsync();

        await page.WaitForURLAsync(RecordUrl($"/properties/{uprn}"));
        var banner = page.Locator(".govuk-notification-banner--success");
        (await banner.InnerTextAsync()).ShouldContain($"{ThisYear} bill, version 1: £1,500.00");
        (await page.Locator("#residents").InnerTextAsync()).ShouldContain(name);
        await banner.GetByRole(AriaRole.Link).First.ClickAsync();

        await page.WaitForURLAsync("**/accounts/*");
        (await page.Locator($"#bill-versions-{ThisYear.StartYear}").InnerTextAsync()).ShouldContain("£1,500.00");
        (await page.Locator($"#working-{ThisYear.StartYear}").InnerTextAsync()).ShouldContain("LGFA 1992");
        (await page.Locator($"#instalments-{ThisYear.StartYear} [data-testid=instalment]").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator($"#instalments-{ThisYear.StartYear}").InnerTextAsync()).ShouldContain("£1,500.00");
    }

    [Fact]
    public async Task The_council_tax_pages_and_forms_have_no_wcag_a_or_aa_violations()
    {
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        var (kid, _) = await NewPersonAsync(app, "Alex");
        await MoveInAsync(app, uprn, sam, ThisYear.Previous.FirstDay);
        await MoveInAsync(app, uprn, kid, ThisYear.FirstDay, Interest.OtherResident);
        var reference = (await AccountReferencesAsync(app, uprn))[0];
        (await app.Database.InTransactionAsync((c, tx) => Reeve.CouncilTax.RecordAward.RecordAsync(c, tx, app.HomeCouncil, uprn,
            new Reeve.CouncilTax.RecordAward.Award("disregard", kid, "student", null, null, ThisYear.FirstDay, null, "Student certificate", null), "test",
            NodaTime.SystemClock.Instance.GetCurrentInstant()))).ShouldBeOfType<Reeve.Kernel.Outcome<Reeve.CouncilTax.RebillDwelling.Result>.Done>();
        var award = await app.CountAsync("select max(award_id) from ctax_award where council_id = @c and uprn = @uprn", new { c = app.HomeCouncil.Value, uprn });
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "teamleader");

        await page.GotoAsync($"/properties/{uprn}");
        (await page.Locator("#residents tbody tr").CountAsync()).ShouldBe(2);
        await AssertAccessibleAsync(page, "property page with band history and occupation");
        await page.GotoAsync($"/accounts/{reference}");
        (await page.Locator("[data-testid=instalment]").CountAsync()).ShouldBeGreaterThan(0);
        await AssertAccessibleAsync(page, "account page with bills and instalments");

        foreach (var (path, button) in new[]
                 {
                     ($"/properties/{uprn}/move-in?person={sam}", "Record move in"),
                     ($"/properties/{uprn}/move-out", "Record move out"),
                     ($"/properties/{uprn}/band-change", "Record band change"),
                     ($"/properties/{uprn}/award", "Record award"),
                     ($"/accounts/{reference}/instalments", null),
                     ($"/properties/{uprn}/owner?person={sam}", "Record owner"),
                     ($"/properties/{uprn}/owner-end", null),
                     ($"/properties/{uprn}/awards/{award}/end", "End award"),
                     ($"/accounts/{reference}/instalment-day", null),
                 })
        {
            await page.GotoAsync(path);
            await AssertAccessibleAsync(page, path);
            if (button is not null)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
                await page.Locator(".govuk-error-summary").WaitForAsync();
                await AssertAccessibleAsync(page, path + " with errors");
            }
        }

        // A date that is not real is refused inline as well as in the summary.
        await page.GotoAsync($"/properties/{uprn}/move-out");
        await page.GetByLabel("Day").FillAsync("30");
        await page.GetByLabel("Month").FillAsync("2");
        await page.GetByLabel("Year").FillAsync(ThisYear.Next.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record move out" }).ClickAsync();
        (await page.Locator("#to-error").InnerTextAsync()).ShouldContain("must be a real date");
        await AssertAccessibleAsync(page, "move out with an impossible date");
    }

    [Fact]
    public async Task A_manager_sets_precepts_in_the_browser_and_the_charge_pages_have_no_wcag_a_or_aa_violations()
    {
        var year = ThisYear.Next.Next.Next.StartYear;
        var code = "B" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "manager");

        await page.GotoAsync($"/council-tax/charges?year={year}");
        await AssertAccessibleAsync(page, "charges for a year");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a charging area" }).ClickAsync();
        await AssertAccessibleAsync(page, "add a charging area");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save precepts" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await AssertAccessibleAsync(page, "add a charging area with errors");

        await page.GetByLabel("Area code").FillAsync(code);
        await page.GetByLabel("Area name").FillAsync("Browserby Parish");
        var first = page.Locator("#precept-0");
        await first.GetByLabel("Authority", new() { Exact = true }).FillAsync("Wealdmoor District Council");
        await first.GetByLabel("Kind of authority").SelectOptionAsync("billing-authority");
        await first.GetByLabel("Band D amount (£)").FillAsync("1,900.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save precepts" }).ClickAsync();

        await page.WaitForURLAsync($"**/council-tax/charges?year={year}");
        (await page.Locator("#charging-areas").InnerTextAsync()).ShouldContain("Browserby Parish");
        (await page.Locator("#charging-areas").InnerTextAsync()).ShouldContain("£1,900.00");
        await page.GotoAsync($"/council-tax/charges/{year}/{code}");
        await AssertAccessibleAsync(page, "an area's precepts");
    }
}
