using System.Globalization;
using Microsoft.Playwright;
using Reeve.Officers;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class RecoveryBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> SignedInAsync(IBrowserContext context, string username)
    {
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, username);
        return page;
    }

    [Fact]
    public async Task A_run_is_prepared_by_one_officer_approved_by_another_team_leader_and_executed()
    {
        // The preparer cannot approve their own run; a Team Leader who did not prepare it can.
        var preparer = await app.NewOfficerAsync(Role.TeamLeader);
        var approver = await app.NewOfficerAsync(Role.TeamLeader);
        await using var first = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInAsync(first, preparer);

        await page.GotoAsync("/recovery");
        await AssertAccessibleAsync(page, "recovery runs page");
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview today's run" }).ClickAsync();
        await page.WaitForURLAsync("**/recovery/preview?date=*");
        (await page.Locator("[data-stage=up-to-date]").CountAsync()).ShouldBe(1);
        await AssertAccessibleAsync(page, "recovery run preview");
        await page.GotoAsync("/recovery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prepare today's run" }).ClickAsync();

        await page.WaitForURLAsync("**/recovery/runs/*");
        var runUrl = page.Url;
        (await page.Locator("#approve").InnerTextAsync()).ShouldContain("did not prepare this run");
        await AssertAccessibleAsync(page, "a prepared recovery run");

        await using var second = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var other = await SignedInAsync(second, approver);
        await other.GotoAsync(runUrl);
        await other.GetByRole(AriaRole.Button, new() { Name = "Approve run" }).ClickAsync();
        (await other.Locator("[data-testid=run-status]").GetAttributeAsync("data-status")).ShouldBe("approved");
        await other.GetByRole(AriaRole.Button, new() { Name = "Execute run" }).ClickAsync();
        (await other.Locator("[data-testid=run-status]").GetAttributeAsync("data-status")).ShouldBe("executed");
        await AssertAccessibleAsync(other, "an executed recovery run");
    }

    [Fact]
    public async Task An_officer_adds_a_court_session_and_places_and_ends_a_hold_on_an_account()
    {
        var reference = await app.AccountReferenceAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInAsync(context, "officer");
        var day = CouncilTaxSetup.Today.PlusDays(40);
        while (day.DayOfWeek is NodaTime.IsoDayOfWeek.Saturday or NodaTime.IsoDayOfWeek.Sunday || Reeve.Kernel.WorkingDays.EnglandAndWales.IsBankHoliday(day))
        {
            day = day.PlusDays(1);
        }

        await page.GotoAsync("/recovery/court");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Enter the date of the session");
        await AssertAccessibleAsync(page, "court sessions page with errors");
        await page.GetByLabel("Magistrates' court").FillAsync("Wealdmoor Magistrates' Court");
        var date = page.GetByRole(AriaRole.Group, new() { Name = "Date of the session" });
        await date.GetByLabel("Day").FillAsync(day.Day.ToString(CultureInfo.InvariantCulture));
        await date.GetByLabel("Month").FillAsync(day.Month.ToString(CultureInfo.InvariantCulture));
        await date.GetByLabel("Year").FillAsync(day.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("Wealdmoor Magistrates' Court");
        (await page.Locator("tbody").InnerTextAsync()).ShouldContain(Reeve.Kernel.DateText.LongForm.Format(day));
        var session = await app.CountAsync("select max(session_id) from court_session where council_id = @c", new { c = app.HomeCouncil.Value });
        await page.GotoAsync($"/recovery/court/{session}");
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("Wealdmoor Magistrates' Court");
        await AssertAccessibleAsync(page, "a court session's complaint list");
        var pdf = await page.APIRequest.GetAsync($"/recovery/court/{session}?handler=Pdf");
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        System.Text.Encoding.ASCII.GetString(await pdf.BodyAsync(), 0, 5).ShouldBe("%PDF-");

        await page.GotoAsync($"/accounts/{reference}/recovery");
        await AssertAccessibleAsync(page, "account recovery page");
        await page.GetByLabel("Why is recovery held?").SelectOptionAsync("dispute");
        await page.GetByLabel("Note").FillAsync("Disputes the band; appeal letter received");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place hold" }).ClickAsync();
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("Dispute hold placed");
        (await page.Locator("#holds + p + table").InnerTextAsync()).ShouldContain("Disputes the band");
        await page.GetByRole(AriaRole.Button, new() { Name = "End the Dispute hold" }).First.ClickAsync();
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("Hold ended");
        (await app.CountAsync("select count(*) from account_event where kind = 'hold-ended'")).ShouldBeGreaterThan(0);
    }
}
