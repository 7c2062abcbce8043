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
    private static async Task ArriveAsync(IPage page, System.Text.RegularExpressions.Regex url)
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
        await page.WaitForURLAsync(RecordUrl($"/people/{partyId}"));
        (await page.Locator("#person-accounts").InnerTextAsync()).ShouldContain(ThisYear.Previous.ToString());
        await AssertAccessibleAsync(page, "person page with arrears");

        // Take an income and expenditure statement.
        await page.GetByRole(AriaRole.Link, new() { Name = "Take income and expenditure" }).ClickAsync();
        await AssertAccessibleAsync(page, "income and expenditure form");
        await page.GetByLabel("Earnings after tax (£)").FillAsync("1800.00");
        await page.GetByLabel("Home and contents (£)").FillAsync("900.00");
        await page.GetByLabel("Food and housekeeping (£)").FillAsync("400.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save income and expenditure" }).ClickAsync();
        await ArriveAsync(page, RecordUrl($"/people/{partyId}", "income-and-expenditure"));
        (await page.Locator("#ie-summary").InnerTextAsync()).ShouldContain("£500.00");

        // Agree the arrangement the offer proposes: recovery is held on the account.
        await page.GetByRole(AriaRole.Link, new() { Name = "Arrangement", Exact = true }).ClickAsync();
        (await page.Locator("#offer").InnerTextAsync()).ShouldContain("£500.00");
        await AssertAccessibleAsync(page, "arrangement offer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree arrangement" }).ClickAsync();
        await ArriveAsync(page, RecordUrl($"/people/{partyId}", "arrangements"));
        (await page.Locator("#arrangement-list").InnerTextAsync()).ShouldContain("kept");
        (await page.Locator("#hold-list").InnerTextAsync()).ShouldContain("Arrangement to pay");
        (await page.Locator("#person-accounts").InnerTextAsync()).ShouldContain("Held");

        // Start a Breathing Space: every account is held for it too.
        await page.GetByRole(AriaRole.Link, new() { Name = "Breathing Space", Exact = true }).ClickAsync();
        await AssertAccessibleAsync(page, "Breathing Space form");
        await page.GetByLabel("Insolvency Service reference").FillAsync("BS-WALK-" + partyId.ToString(CultureInfo.InvariantCulture));
        await FillDateAsync(page.GetByRole(AriaRole.Group, new() { Name = "Start date" }), Today.PlusDays(-10));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start Breathing Space" }).ClickAsync();
        await ArriveAsync(page, RecordUrl($"/people/{partyId}", "breathing-space"));
        var holds = page.Locator("#hold-list tbody tr", new() { HasText = "Breathing Space" });
        (await holds.InnerTextAsync()).ShouldContain("In force");
        (await holds.InnerTextAsync()).ShouldContain("SI 2020/1311");

        // End it yesterday: the Breathing Space hold is no longer in force, the arrangement's still is.
        await page.GetByRole(AriaRole.Link, new() { Name = "Breathing Space", Exact = true }).ClickAsync();
        await FillDateAsync(page.GetByRole(AriaRole.Group, new() { Name = "Last day of the Breathing Space" }), Today.PlusDays(-1));
        await page.GetByRole(AriaRole.Button, new() { Name = "End Breathing Space" }).ClickAsync();
        await ArriveAsync(page, RecordUrl($"/people/{partyId}", "breathing-space"));
        (await page.Locator("#hold-list tbody tr", new() { HasText = "Breathing Space" }).InnerTextAsync()).ShouldContain("Not in force");
        (await page.Locator("#hold-list tbody tr", new() { HasText = "Arrangement to pay" }).InnerTextAsync()).ShouldContain("In force");
        await AssertAccessibleAsync(page, "person page with arrangement, holds and Breathing Space");

        // Miss the first arrangement payment (due in 14 days): the letter is queued and the grace period starts.
        await page.GetByRole(AriaRole.Link, new() { Name = "Arrangement", Exact = true }).ClickAsync();
        await FillDateAsync(page.GetByRole(AriaRole.Group, new() { Name = "Check the payments made by" }), Today.PlusDays(16));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check payments" }).ClickAsync();
        await ArriveAsync(page, RecordUrl($"/people/{partyId}", "arrangements"));
        (await page.Locator(".govuk-notification-banner").InnerTextAsync()).ShouldContain("1 missed");
        (await app.CountAsync(
            "select count(*) from letter_request r join account_party p on p.council_id = r.council_id and p.account_id = r.account_id " +
            "where r.council_id = @c and p.party_id = @partyId and r.letter_type = 'arrangement'", new { c = app.HomeCouncil.Value, partyId })).ShouldBe(1);
        (await app.CountAsync(
            "select count(*) from audit_log where council_id = @c and subject_kind = 'person' and subject_id = @id and action = 'change' and detail like 'Arrangement % payments checked on %'",
            new { c = app.HomeCouncil.Value, id = partyId.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBe(1);

        foreach (var path in new[] { $"/people/{partyId}/vulnerability", "/people/queues" })
        {
            await page.GotoAsync(path);
            await AssertAccessibleAsync(page, path);
        }
    }

    [Fact]
    public async Task During_a_breathing_space_a_recovery_run_holds_the_persons_accounts_and_a_payment_demand_is_refused_and_a_later_run_resumes()
    {
        // SI 2020/1311 reg 7 and reg 11(1): no enforcement step, fee or payment demand on the debt while the moratorium
        // lasts; when it ends, recovery takes the step that was due. Runs here are the other demo council's, so this
        // walk-through's run dates never meet the runs other tests make for the home council.
        var council = app.OtherCouncil;
        var uprn = await NewDwellingAsync(app, council: council);
        var (partyId, name) = await NewPersonAsync(app, "Robin", council);
        await MoveInAsync(app, uprn, partyId, ThisYear.Previous.FirstDay, council: council);
        var accounts = await AccountReferencesAsync(app, uprn, council);
        var reference = accounts[0];
        await QueueReminderAsync(council, reference);
        var preparer = await app.NewOfficerAsync(Reeve.Officers.Role.TeamLeader, council);
        var approver = await app.NewOfficerAsync(Reeve.Officers.Role.TeamLeader, council);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, preparer);
        await using var second = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        second.SetDefaultTimeout(90_000);
        var other = await second.NewPageAsync();
        await SignInAsync(other, approver);

        try
        {
            // The Breathing Space, recorded from the person's page.
            await page.GotoAsync($"/people/{partyId}/breathing-space");
            await page.GetByLabel("Insolvency Service reference").FillAsync("BS-RUN-" + partyId.ToString(CultureInfo.InvariantCulture));
            await FillDateAsync(page.GetByRole(AriaRole.Group, new() { Name = "Start date" }), Today.PlusDays(-10));
            await page.GetByRole(AriaRole.Button, new() { Name = "Start Breathing Space" }).ClickAsync();
            await ArriveAsync(page, RecordUrl($"/people/{partyId}", "breathing-space"));

            // Day 31: the debt adviser's midway review (SI 2020/1311 reg 27) says it continues; the person's page shows it.
            var reviewed = MoveClockTo(Today.PlusDays(20));
            await page.GotoAsync($"/people/{partyId}/breathing-space");
            await FillDateAsync(page.GetByRole(AriaRole.Group, new() { Name = "Day of the review" }), reviewed);
            await page.GetByRole(AriaRole.Button, new() { Name = "Record midway review" }).ClickAsync();
            await ArriveAsync(page, RecordUrl($"/people/{partyId}", "breathing-space"));
            (await page.Locator("#breathing-space-list").InnerTextAsync()).ShouldContain("the Breathing Space continues");

            // Some weeks on, with the bill's instalments overdue and the Breathing Space still in force, the day's run: the
            // preview gives the person's account as held, and executing it issues nothing to it.
            var during = MoveClockTo(WorkingDayFrom(Today.PlusDays(30)));
            await page.GotoAsync("/recovery");
            await page.GetByRole(AriaRole.Link, new() { Name = "Preview today's run" }).ClickAsync();
            await page.WaitForURLAsync("**/recovery/preview?date=*");
            var line = page.Locator("tr", new() { HasText = reference }).First;
            (await line.InnerTextAsync()).ShouldContain("Held");
            (await line.InnerTextAsync()).ShouldContain("Breathing Space");
            await AssertAccessibleAsync(page, "recovery preview with a Breathing Space hold");
            var duringRun = await RunTodayAsync(page, other);
            (await other.Locator("main").InnerTextAsync()).ShouldNotContain(reference);
            (await app.CountAsync("select count(*) from recovery_notice where council_id = @c and account_id = (select account_id from account where council_id = @c and reference = @reference)",
                new { c = council.Value, reference })).ShouldBe(0);

            // A reminder sent by hand is refused, and the refusal is on the person's timeline.
            await page.GotoAsync($"/accounts/{reference}/letters/new?type=reminder");
            (await page.Locator("#moratorium-warning").InnerTextAsync()).ShouldContain("will be refused");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send letter" }).ClickAsync();
            var refusal = await page.Locator(".govuk-error-summary").InnerTextAsync();
            refusal.ShouldContain("Refused");
            refusal.ShouldContain("SI 2020/1311");
            await AssertAccessibleAsync(page, "a refused payment demand");
            await page.GotoAsync($"/people/{partyId}");
            (await page.Locator("#person-timeline").InnerTextAsync()).ShouldContain("Refused: one-off reminder letter");

            // End the Breathing Space today; a run on a later day issues the notice that was held back.
            await page.GotoAsync($"/people/{partyId}/breathing-space");
            await AssertAccessibleAsync(page, "Breathing Space page with its reviews");
            await FillDateAsync(page.GetByRole(AriaRole.Group, new() { Name = "Last day of the Breathing Space" }), during);
            await page.GetByRole(AriaRole.Button, new() { Name = "End Breathing Space" }).ClickAsync();
            await ArriveAsync(page, RecordUrl($"/people/{partyId}", "breathing-space"));
            var later = MoveClockTo(WorkingDayFrom(during.PlusDays(14)));
            var after = await RunTodayAsync(page, other);
            after.ShouldNotBe(duringRun);
            (await other.Locator("main").InnerTextAsync()).ShouldContain(reference);
            (await app.CountAsync(
                "select count(*) from recovery_notice where council_id = @c and notice_date = @on and account_id = (select account_id from account where council_id = @c and reference = @reference)",
                new { c = council.Value, reference, on = later.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) })).ShouldBeGreaterThan(0);
        }
        finally
        {
            app.Clock.Offset = NodaTime.Duration.Zero;
        }
    }

    // A reminder written for the account before the Breathing Space (a letter is sent by hand only to repeat one written).
    private async Task QueueReminderAsync(Reeve.Kernel.CouncilId council, string reference)
    {
        await using var connection = await app.Database.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var accountId = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "select account_id from account where council_id = @council and reference = @reference", new { council = council.Value, reference }, tx);
        var fields = new Reeve.Letters.ReminderFields(ThisYear.StartYear, 1, Reeve.Kernel.Money.FromPounds(100), Today.PlusDays(6), Reeve.Kernel.Money.FromPounds(500), Today.PlusDays(14));
        (await Reeve.Letters.LetterRequests.RequestAsync(connection, tx, new Reeve.Letters.LetterRequest(council, accountId, Today, $"walk-through/reminder/{reference}", fields),
            NodaTime.SystemClock.Instance.GetCurrentInstant())).ShouldBeOfType<Reeve.Kernel.Outcome<Reeve.Letters.QueuedLetter>.Done>();
        await tx.CommitAsync();
    }

    private static NodaTime.LocalDate WorkingDayFrom(NodaTime.LocalDate day)
    {
        while (!Reeve.Kernel.WorkingDays.EnglandAndWales.IsWorkingDay(day))
        {
            day = day.PlusDays(1);
        }

        return day;
    }

    // The app's today becomes the given day (the test puts the clock back when it ends).
    private NodaTime.LocalDate MoveClockTo(NodaTime.LocalDate day)
    {
        app.Clock.Offset = NodaTime.Duration.FromDays(NodaTime.Period.Between(Today, day, NodaTime.PeriodUnits.Days).Days);
        return day;
    }

    // Prepares today's run as one Team Leader, and approves and executes it as another; returns the run's page.
    private static async Task<string> RunTodayAsync(IPage preparer, IPage approver)
    {
        await preparer.GotoAsync("/recovery");
        await preparer.GetByRole(AriaRole.Button, new() { Name = "Prepare today's run" }).ClickAsync();
        await preparer.WaitForURLAsync("**/recovery/runs/*");
        var runUrl = preparer.Url;
        await AssertAccessibleAsync(preparer, "a prepared recovery run");
        await approver.GotoAsync(runUrl);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve run" }).ClickAsync();
        (await approver.Locator("[data-testid=run-status]").GetAttributeAsync("data-status")).ShouldBe("approved");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Execute run" }).ClickAsync();
        (await approver.Locator("[data-testid=run-status]").GetAttributeAsync("data-status")).ShouldBe("executed");
        await AssertAccessibleAsync(approver, "an executed recovery run");
        return runUrl;
    }
}
