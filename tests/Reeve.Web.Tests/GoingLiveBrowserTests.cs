using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reeve.Jobs;
using Reeve.Kernel;
using Reeve.Web.Features.Jobs;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

/// <summary>
/// Issue 17's "Done when", as one officer team would live it in a browser: a new council is created and set up, its
/// opening data loaded, its officers created and signed in, and its first day run (a new person moved in, a statement
/// and a Bacs report uploaded, a failed job seen and run again, the work queue worked, an FOI answered, a subject
/// access pack exported, the collection dashboard read), every page checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class GoingLiveBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private const string NewPassword = "walk through the first day";

    private static string Digits(int count) =>
        string.Concat(Guid.NewGuid().ToByteArray().Take(count).Select(b => (char)('1' + (b % 9))));

    private async Task<(IBrowserContext Context, IPage Page)> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), AcceptDownloads = true });
        // A loaded CI machine can be slow; a timeout here is not what this test is about.
        context.SetDefaultTimeout(90_000);
        return (context, await context.NewPageAsync());
    }

    private static async Task SaveAndReturnAsync(IPage page, string task)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and return to the task list" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#{task}-status")).ToHaveTextAsync("Completed");
    }

    /// <summary>Creates an officer of the council on /officers and returns the one-time link that sets their password.</summary>
    private static async Task<string> CreateOfficerAsync(IPage admin, string councilName, string username, string name, string role)
    {
        await admin.GotoAsync("/officers");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create an officer" }).ClickAsync();
        await admin.GetByLabel("Username").FillAsync(username);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await admin.GetByLabel(role, new() { Exact = true }).CheckAsync();
        await admin.GetByLabel(councilName, new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create officer" }).ClickAsync();
        var link = await admin.Locator("#link-address").InnerTextAsync();
        link.ShouldContain("/officers/set-password?token=");
        return new Uri(link).PathAndQuery;
    }

    /// <summary>The officer opens their link in their own browser, sets a password and signs in with it.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> FirstSignInAsync(string link, string username, string name)
    {
        var (context, page) = await NewPageAsync();
        await page.GotoAsync(link);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Type the new password again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("password-set=true", StringComparison.Ordinal));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        (await page.Locator("body").InnerTextAsync()).ShouldContain(name);
        return (context, page);
    }

    private static string Statement(string key, string account, string amount, string reference) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
          <GrpHdr><MsgId>{key}</MsgId><CreDtTm>2026-12-01T06:00:00</CreDtTm></GrpHdr>
          <Stmt><Id>{key}</Id><Acct><Id><Othr><Id>{account}</Id></Othr></Id><Ccy>GBP</Ccy></Acct>
            <Ntry><Amt Ccy="GBP">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-30</Dt></BookgDt><AcctSvcrRef>{key}</AcctSvcrRef>
              <NtryDtls><TxDtls><Refs><EndToEndId>{key}</EndToEndId></Refs><RmtInf><Ustrd>{reference}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
          </Stmt>
        </BkToCstmrStmt></Document>
        """;

    [Fact]
    public async Task A_new_council_is_set_up_loaded_staffed_and_runs_its_first_day_in_the_browser()
    {
        var code = "W" + Digits(7);
        var councilName = "Walkthrough Council " + code;
        var sortCode = "20-" + Digits(2) + "-" + Digits(2);
        var accountNumber = Digits(8);
        var year = FinancialYear.Containing(UkTime.Today(app.Clock));
        var contexts = new List<IBrowserContext>();
        try
        {
            // 1. A System Administrator creates the council and works through its set-up task list.
            var (adminContext, admin) = await NewPageAsync();
            contexts.Add(adminContext);
            await SignInAsync(admin, await app.NewOfficerAsync(Reeve.Officers.Role.SystemAdministrator));
            await admin.GotoAsync("/councils");
            await admin.GetByLabel("Council's name").FillAsync(councilName);
            await admin.GetByLabel("Code").FillAsync(code);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Create council" }).ClickAsync();
            await admin.GetByRole(AriaRole.Heading, new() { Name = "Set up " + councilName }).WaitForAsync();
            await AssertAccessibleAsync(admin, "the new council's task list");
            var council = new CouncilId(await app.QueryAsync<int>("select council_id from council where name = @councilName", new { councilName }));

            await admin.GetByRole(AriaRole.Link, new() { Name = "Letterhead and contact details" }).ClickAsync();
            await admin.GetByLabel("Letterhead address").FillAsync("Civic Centre\nMarket Square\nWalkton\nWT1 1AA");
            await admin.GetByLabel("Telephone").FillAsync("01632 960123");
            await admin.GetByLabel("Email address").FillAsync("revenues@walkton.example.gov.uk");
            await admin.GetByLabel("Web address").FillAsync("www.walkton.example.gov.uk");
            await SaveAndReturnAsync(admin, "letterhead");

            await admin.GetByRole(AriaRole.Link, new() { Name = "Bank accounts" }).ClickAsync();
            await admin.GetByLabel("Name officers know it by").FillAsync("Council tax collection account");
            await admin.GetByLabel("Sort code").FillAsync(sortCode);
            await admin.GetByLabel("Account number").FillAsync(accountNumber);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Record account" }).ClickAsync();
            await AssertAccessibleAsync(admin, "the council's bank accounts");

            await admin.GotoAsync($"/councils/{council.Value}");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Bacs service user number" }).ClickAsync();
            await admin.GetByLabel("Service user number").FillAsync(Digits(6));
            await admin.GetByLabel("Sort code of the collecting account").FillAsync(sortCode);
            await admin.GetByLabel("Account number").FillAsync(accountNumber);
            await admin.GetByLabel("Name on payers' statements").FillAsync("WALKTON COUNCIL");
            await SaveAndReturnAsync(admin, "service-user-number");
            (await admin.Locator("#bank-accounts-status").InnerTextAsync()).ShouldBe("Completed");

            // 2. Its officers, each created with a one-time link, set a password and sign in.
            var suffix = code.ToLowerInvariant();
            var managerLink = await CreateOfficerAsync(admin, councilName, "mgr-" + suffix, "Morgan Walk", "Manager");
            var officerLink = await CreateOfficerAsync(admin, councilName, "off-" + suffix, "Olive Walk", "Officer");
            var leaderLink = await CreateOfficerAsync(admin, councilName, "tl-" + suffix, "Terry Walk", "Team Leader");
            var (managerContext, manager) = await FirstSignInAsync(managerLink, "mgr-" + suffix, "Morgan Walk");
            contexts.Add(managerContext);
            var (officerContext, officer) = await FirstSignInAsync(officerLink, "off-" + suffix, "Olive Walk");
            contexts.Add(officerContext);
            var (leaderContext, leader) = await FirstSignInAsync(leaderLink, "tl-" + suffix, "Terry Walk");
            contexts.Add(leaderContext);

            // 3. The Manager sets this year's charges and loads the opening data from the old system.
            await manager.GotoAsync($"/council-tax/charges/{year.StartYear}/new");
            await manager.GetByLabel("Area code").FillAsync("WALK");
            await manager.GetByLabel("Area name").FillAsync("Walkton unparished");
            var precept = manager.Locator("#precept-0");
            await precept.GetByLabel("Authority", new() { Exact = true }).FillAsync(councilName);
            await precept.GetByLabel("Kind of authority").SelectOptionAsync("billing-authority");
            await precept.GetByLabel("Band D amount (£)").FillAsync("2100.00");
            await AssertAccessibleAsync(manager, "a charging area's precepts");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Save precepts" }).ClickAsync();
            await Assertions.Expect(manager.Locator("#charging-areas")).ToContainTextAsync("£2,100.00");

            // The old system's export names each property's charging area, the one just set up.
            var files = OpeningLoadSamples.Files().Select(f => new FilePayload
            {
                Name = f.Key,
                MimeType = "text/csv",
                Buffer = f.Key == "properties.csv" ? InArea(f.Value, "WALK") : f.Value,
            }).ToArray();
            await manager.GotoAsync("/load");
            await manager.GetByLabel("Upload the files").SetInputFilesAsync(files);
            await manager.GetByRole(AriaRole.Button, new() { Name = "Check the files" }).ClickAsync();
            (await manager.Locator("#load-totals").InnerTextAsync()).ShouldContain("£33,249.27");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Load these files" }).ClickAsync();
            (await manager.Locator(".govuk-panel__title").InnerTextAsync()).ShouldContain("complete");
            (await app.CountAsync("select count(*) from account where council_id = @c", new { c = council.Value })).ShouldBe(36);

            // 4. The officer adds someone new and moves them into the empty house from the old system's records.
            var surname = "Walkden" + code[1..];
            await officer.GotoAsync("/people/new");
            await officer.GetByLabel("First names").FillAsync("Robin");
            await officer.GetByLabel("Surname").FillAsync(surname);
            await officer.GetByLabel("Address line 1", new() { Exact = true }).FillAsync("8 Quay Street");
            await officer.GetByLabel("Town or city").FillAsync("Walkton");
            await officer.GetByLabel("Postcode").FillAsync("WT1 2QS");
            await officer.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
            await officer.WaitForURLAsync(PersonUrl());
            (await officer.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain($"Robin {surname} added");
            var partyId = long.Parse(PersonUrl().Match(officer.Url).Groups[1].Value, CultureInfo.InvariantCulture);

            var emptyUprn = await app.QueryAsync<long>(
                "select uprn from ctax_award where council_id = @c and kind = 'long-term-empty' order by award_id limit 1",
                new { c = council.Value });
            await officer.GotoAsync($"/properties/{emptyUprn}");
            await officer.GetByRole(AriaRole.Link, new() { Name = "Record a move in" }).ClickAsync();
            await officer.GetByLabel("Find the person moving in").FillAsync(surname);
            await officer.GetByRole(AriaRole.Button, new() { Name = "Find person" }).ClickAsync();
            await officer.GetByLabel("Robin " + surname).CheckAsync();
            await officer.GetByLabel("Tenant", new() { Exact = true }).CheckAsync();
            var from = officer.GetByRole(AriaRole.Group, new() { Name = "When did they move in?" });
            await from.GetByLabel("Day").FillAsync("1");
            await from.GetByLabel("Month").FillAsync("12");
            await from.GetByLabel("Year").FillAsync(year.StartYear.ToString(CultureInfo.InvariantCulture));
            await AssertAccessibleAsync(officer, "recording a move in");
            await officer.GetByRole(AriaRole.Button, new() { Name = "Record move in" }).ClickAsync();
            await officer.WaitForLoadStateAsync();
            (await officer.Locator(".govuk-error-summary").CountAsync()).ShouldBe(0, await officer.Locator("main").InnerTextAsync());
            await Assertions.Expect(officer.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"{year} bill");
            (await officer.Locator("#residents").InnerTextAsync()).ShouldContain("Robin " + surname);

            // 5. The day's bank statement and Bacs report, uploaded in the browser: one payment finds its account, one
            //    does not and waits in suspense.
            var paying = await app.QueryAsync<string>(
                "select reference from account where council_id = @c order by account_id limit 1", new { c = council.Value });
            var key = "WALK" + Digits(8);
            var bank = sortCode.Replace("-", "", StringComparison.Ordinal) + accountNumber;
            await UploadBrowserTests.UploadAsync(officer, "Bank statement (camt.053)", $"{key}-1.xml", Statement(key + "A", bank, "61.50", "CTAX " + paying), "£61.50");
            await UploadBrowserTests.UploadAsync(officer, "Bank statement (camt.053)", $"{key}-2.xml", Statement(key + "B", bank, "12.34", "RATES MYSTERY"), "£12.34");
            var sun = await app.QueryAsync<string>("select service_user_number from dd_originator where council_id = @c", new { c = council.Value });
            await UploadBrowserTests.UploadAsync(officer, "ARUDD report", $"arudd-{key}.xml", UploadPageTests.Arudd("CT9" + Digits(6), "17.50", sun), "£17.50");

            // 6. The scheduled jobs run: a statement the bank sent in euros makes the pick-up job fail, the home page
            //    says so, and the Team Leader runs it again once the file has been moved aside.
            var inbox = new JobFolders(app.Services.GetRequiredService<JobsHost>().Folder).Statements(council);
            Directory.CreateDirectory(inbox);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Corpus", "genkgo-camt053.v2.minimal.xml"), Path.Combine(inbox, $"euro-{key}.xml"));
            await leader.GotoAsync("/jobs");
            var before = await JobsSetup.RunsAsync(app, JobsSetup.Statements);
            await leader.Locator($"#run-{JobsSetup.Statements}").ClickAsync();
            (await JobsSetup.NextFinishedAsync(app, JobsSetup.Statements, before)).ShouldBe("failed");
            await leader.GotoAsync("/");
            await leader.Locator("#jobs-alert").WaitForAsync();
            await AssertAccessibleAsync(leader, "the home page flagging a failed job");
            await leader.GetByRole(AriaRole.Link, new() { Name = "See the scheduled jobs" }).ClickAsync();
            await leader.Locator($"#job-{JobsSetup.Statements} .govuk-tag--red").WaitForAsync();
            before = await JobsSetup.RunsAsync(app, JobsSetup.Statements);
            await leader.Locator($"#run-{JobsSetup.Statements}").ClickAsync();
            (await JobsSetup.NextFinishedAsync(app, JobsSetup.Statements, before)).ShouldBe("succeeded");
            await leader.GotoAsync("/");
            (await leader.Locator("#jobs-alert").CountAsync()).ShouldBe(0);

            // 7. My work: the payment in suspense is waiting; the officer takes it and allocates it, and it leaves the queue.
            await officer.GotoAsync("/?kind=" + Uri.EscapeDataString("Suspense payment"));
            await Assertions.Expect(officer.Locator("#my-work")).ToContainTextAsync("£12.34");
            await AssertAccessibleAsync(officer, "my work");
            await officer.GetByRole(AriaRole.Button, new() { NameRegex = TakeSuspense() }).ClickAsync();
            await Assertions.Expect(officer.Locator(".govuk-notification-banner")).ToContainTextAsync("You have taken");
            var item = await app.QueryAsync<long>("select item_id from suspense_item where council_id = @c and status = 'open'", new { c = council.Value });
            await officer.GotoAsync("/payments/suspense");
            await officer.GetByLabel($"Another account for item {item}").FillAsync(paying);
            await officer.GetByRole(AriaRole.Button, new() { Name = $"Allocate item {item} to this account" }).ClickAsync();
            await officer.GotoAsync("/?kind=" + Uri.EscapeDataString("Suspense payment"));
            (await officer.Locator("#my-work").InnerTextAsync()).ShouldNotContain("£12.34");

            // 8. An FOI request, answered within its 20 working days.
            await officer.GotoAsync("/cases");
            await officer.GetByRole(AriaRole.Link, new() { Name = "Log a new case" }).ClickAsync();
            await officer.GetByLabel("Freedom of Information request").CheckAsync();
            await officer.GetByLabel("Who is it from?").FillAsync("Walkton Gazette");
            await officer.GetByLabel("Address to reply to").FillAsync("2 Press Row\nWalkton\nWT1 9GZ");
            await officer.GetByLabel("What is it about?").FillAsync("How much council tax was paid on the first day?");
            await officer.GetByRole(AriaRole.Button, new() { Name = "Log the case" }).ClickAsync();
            await officer.WaitForURLAsync(new Regex(@"/cases/\d+(\?[^#]*)?$"));
            (await officer.GetByTestId("case-days-left").InnerTextAsync()).ShouldContain("days left");
            await officer.GetByLabel("Information given").CheckAsync();
            await officer.GetByLabel("Response", new() { Exact = true }).FillAsync("£73.84 was paid on the first day.");
            await officer.GetByRole(AriaRole.Button, new() { Name = "Send the response and close the case" }).ClickAsync();
            await officer.GetByText("answered and closed").WaitForAsync();
            await AssertAccessibleAsync(officer, "an FOI answered");

            // 9. The new resident asks for everything held on them.
            await officer.GotoAsync($"/people/{partyId}");
            await officer.GetByRole(AriaRole.Link, new() { Name = "Subject access pack" }).ClickAsync();
            var download = await officer.RunAndWaitForDownloadAsync(async () =>
                await officer.GetByRole(AriaRole.Button, new() { Name = "Download the subject access pack" }).ClickAsync());
            using (var zip = ZipFile.OpenRead((await download.PathAsync())!))
            {
                using var details = new StreamReader(zip.GetEntry("personal-details.csv")!.Open());
                (await details.ReadToEndAsync()).ShouldContain(surname);
                zip.Entries.Select(e => e.FullName).ShouldContain("ledger.csv");
            }

            // 10. The Manager reads the collection dashboard: this year's debit is there and so is the money taken.
            await manager.GotoAsync("/dashboards");
            await AssertAccessibleAsync(manager, "the collection dashboard");
            (await manager.GetByTestId("collected-rate").InnerTextAsync()).ShouldNotBe("No debit yet");
            (await manager.Locator("#collection-table").InnerTextAsync()).ShouldContain("£");
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    /// <summary>The sample properties.csv with every property put in the charging area (its last column, empty in the sample).</summary>
    private static byte[] InArea(byte[] properties, string area)
    {
        var lines = Encoding.UTF8.GetString(properties).Split("\r\n");
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].EndsWith(','))
            {
                lines[i] += area;
            }
        }

        return Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
    }

    [GeneratedRegex(@"/people/([0-9]+)(\?|$)")]
    private static partial Regex PersonUrl();

    [GeneratedRegex(@"^Take £12\.34")]
    private static partial Regex TakeSuspense();
}
