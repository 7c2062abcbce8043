using System.Net;
using Microsoft.Playwright;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

/// <summary>An account with no live Direct Debit for each test, picked at random so tests sharing the demo do not collide.</summary>
internal static class DirectDebitSetup
{
    private const string WithoutMandate =
        "from account a where council_id = @c and kind = 'council-tax' and closed_on is null and not exists " +
        "(select 1 from dd_mandate m where m.council_id = a.council_id and m.account_id = a.account_id)";

    public static async Task<string> AccountWithoutMandateAsync(ReeveAppFixture app)
    {
        var count = await app.CountAsync("select count(*) " + WithoutMandate, new { c = app.HomeCouncil.Value });
        return await app.QueryAsync<string>("select reference " + WithoutMandate + " order by account_id limit 1 offset @skip",
            new { c = app.HomeCouncil.Value, skip = Random.Shared.NextInt64(0, count) });
    }
}

[Collection(WebCollection.Name)]
public sealed class DirectDebitPageTests(ReeveAppFixture app)
{
    [Fact]
    public async Task An_officer_sets_up_a_mandate_and_it_is_audited_and_waits_for_lodgement()
    {
        var reference = await DirectDebitSetup.AccountWithoutMandateAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var path = $"/accounts/{reference}/direct-debit";

        var response = await client.PostFormAsync(path + "?handler=setUp",
            new() { ["payerName"] = "Sam Tester", ["sortCode"] = "08-99-99", ["accountNumber"] = "66374958" }, formPage: path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await client.GetPageAsync(path);
        page.ShouldContain("CT" + reference);
        page.ShouldContain("Not yet: it goes in the next AUDDIS file");
        (await app.CountAsync("select count(*) from dd_mandate m join account a on a.council_id = m.council_id and a.account_id = m.account_id where a.reference = @reference and m.status = 'pending'",
            new { reference })).ShouldBe(1);
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and subject_id = @reference and action = 'change' and detail like 'Direct Debit % set up'",
            new { reference, c = app.HomeCouncil.Value })).ShouldBe(1);
    }

    [Fact]
    public async Task Bank_details_that_fail_the_modulus_check_are_refused_on_the_form_naming_the_field()
    {
        var reference = await DirectDebitSetup.AccountWithoutMandateAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var path = $"/accounts/{reference}/direct-debit";

        var response = await client.PostFormAsync(path + "?handler=setUp",
            new() { ["payerName"] = "Sam Tester", ["sortCode"] = "089999", ["accountNumber"] = "66374959" }, formPage: path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("href=\"#accountNumber\"");
        html.ShouldContain("The account number is not valid for that sort code");
        (await app.CountAsync("select count(*) from dd_mandate m join account a on a.council_id = m.council_id and a.account_id = m.account_id where a.reference = @reference",
            new { reference })).ShouldBe(0);
    }

    [Fact]
    public async Task An_auditor_may_see_the_mandate_page_but_not_set_one_up()
    {
        var reference = await DirectDebitSetup.AccountWithoutMandateAsync(app);
        using var auditor = await OfficerClient.SignedInAsync(app, "auditor");
        var path = $"/accounts/{reference}/direct-debit";

        (await auditor.GetPageAsync(path)).ShouldNotContain("Set up Direct Debit");
        var post = await auditor.PostFormAsync(path + "?handler=setUp",
            new() { ["payerName"] = "Sam Tester", ["sortCode"] = "089999", ["accountNumber"] = "66374958" }, formPage: path);
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_lodged_file_is_listed_and_downloads_as_plain_text_exactly_as_written()
    {
        await using (var c = await app.Database.OpenAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            if (await Mandates.OriginatorAsync(c, tx, app.HomeCouncil) is null)
            {
                await Mandates.SetOriginatorAsync(c, tx, app.HomeCouncil,
                    new DirectDebitOriginator(new ServiceUser("123456", SortCode.Parse("107999"), AccountNumber.Parse("88837491"), "WEALDMOOR COUNCIL"), 3));
            }

            var account = await app.QueryAsync<long>("select account_id from account where council_id = @c and reference = @r",
                new { c = app.HomeCouncil.Value, r = await DirectDebitSetup.AccountWithoutMandateAsync(app) });
            (await Mandates.SetUpAsync(c, tx, app.HomeCouncil, Reeve.Payments.Features.CheckBankDetails.ModulusTableFiles.Shipped,
                new Mandates.SetUp(account, "Sam Tester", "089999", "66374958", UkTime.Today(SystemClock.Instance), "test"), SystemClock.Instance.GetCurrentInstant()))
                .ShouldBeOfType<Outcome<Mandate>.Done>();
            await tx.CommitAsync();
        }

        var today = UkTime.Today(SystemClock.Instance);
        var lodged = await LodgeMandates.LodgeAsync(app.Database, app.HomeCouncil, WorkingDays.EnglandAndWales.AddWorkingDays(today, 2), today,
            WorkingDays.EnglandAndWales, "test", SystemClock.Instance.GetCurrentInstant());
        var lodgement = lodged.ShouldBeOfType<LodgeMandates.Result.Done>().Lodgement;
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        (await client.GetPageAsync("/direct-debit")).ShouldContain(lodgement.Serial);
        var file = await client.GetAsync($"/direct-debit/lodgements/{lodgement.LodgementId}/file");

        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await file.Content.ReadAsStringAsync()).ShouldBe(lodgement.Content);
        (await client.GetAsync("/direct-debit/runs/999999999/file")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

[Collection(WebCollection.Name)]
public sealed class BacsWorkItemPageTests(ReeveAppFixture app)
{
    [Fact]
    public async Task An_ADDACS_advice_Reeve_could_not_apply_is_listed_on_the_Direct_Debit_page_with_what_differs()
    {
        // Issue 21: items not applied wait for an officer, visible where Direct Debit files are shown.
        string sun;
        await using (var c = await app.Database.OpenAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            if (await Mandates.OriginatorAsync(c, tx, app.HomeCouncil) is null)
            {
                await Mandates.SetOriginatorAsync(c, tx, app.HomeCouncil,
                    new DirectDebitOriginator(new ServiceUser("123456", SortCode.Parse("107999"), AccountNumber.Parse("88837491"), "WEALDMOOR COUNCIL"), 3));
            }

            sun = (await Mandates.OriginatorAsync(c, tx, app.HomeCouncil))!.ServiceUser.ServiceUserNumber;
            await tx.CommitAsync();
        }

        var reference = $"WEBTEST{Random.Shared.Next(100_000, 999_999)}";
        var addacs = $"""
            <?xml version = '1.0' encoding = 'UTF-8'?>
            <BACSDocument><Data><MessagingAdvices>
              <MessagingHeader document-number="0" advice-type="ADDACS" user-number="{sun}" report-generation-date="2026-12-02" user-name="COUNCIL" report-type="7001"/>
              <MessagingAdvice user-number="{sun}" record-type="A" effective-date="2026-12-02" reference="{reference}" payer-account-number="66374958" payer-sort-code="089999" reason-code="1"/>
            </MessagingAdvices></Data></BACSDocument>
            """;
        (await ImportAddacsReport.ImportAsync(app.Database, app.HomeCouncil, "addacs.xml", System.Text.Encoding.UTF8.GetBytes(addacs), "test", SystemClock.Instance.GetCurrentInstant()))
            .ShouldBeOfType<BacsReportResult.Imported>();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var page = await client.GetPageAsync("/direct-debit");

        page.ShouldContain("Bacs report items for an officer");
        page.ShouldContain($"no mandate has the reference {reference}");
    }
}

[Collection(BrowserCollection.Name)]
public sealed class DirectDebitBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task The_mandate_form_and_the_direct_debit_pages_have_no_wcag_a_or_aa_violations()
    {
        var reference = await DirectDebitSetup.AccountWithoutMandateAsync(app);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer");

        await page.GotoAsync($"/accounts/{reference}");
        await page.GetByTestId("direct-debit-link").ClickAsync();
        await page.WaitForURLAsync(RecordUrl($"/accounts/{reference}/direct-debit"));
        await AssertAccessibleAsync(page, "mandate form");

        await page.GetByLabel("Name of the account holder").FillAsync("Sam Tester");
        await page.GetByLabel("Sort code").FillAsync("089999");
        await page.GetByLabel("Account number").FillAsync("66374959");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up Direct Debit" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("not valid for that sort code");
        await AssertAccessibleAsync(page, "mandate form with errors");

        await page.GetByLabel("Account number").FillAsync("66374958");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up Direct Debit" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl($"/accounts/{reference}/direct-debit"));
        (await page.GetByTestId("mandate-reference").InnerTextAsync()).ShouldBe("CT" + reference);
        await AssertAccessibleAsync(page, "mandate page");

        await page.GotoAsync("/direct-debit");
        await AssertAccessibleAsync(page, "Direct Debit files");
    }
}
