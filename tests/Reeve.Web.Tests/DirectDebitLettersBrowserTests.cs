using System.Net;
using Microsoft.Playwright;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

/// <summary>
/// The mandate page's Direct Debit letters and paper-instruction conversion, and the refund queue's card refunds
/// with their GOV.UK Pay status, in a browser with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DirectDebitLettersBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> SignedInPageAsync(IBrowserContext context, string officer)
    {
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, officer);
        return page;
    }

    [Fact]
    public async Task The_mandate_page_lists_the_cancelled_letter_and_converts_a_paper_instruction_with_no_wcag_violations()
    {
        var ended = await DirectDebitSetup.AccountWithoutMandateAsync(app);
        await using (var c = await app.Database.OpenAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            var accountId = await app.QueryAsync<long>("select account_id from account where council_id = @c and reference = @r", new { c = app.HomeCouncil.Value, r = ended });
            var mandate = (await Mandates.SetUpAsync(c, tx, app.HomeCouncil, Reeve.Payments.Features.CheckBankDetails.ModulusTableFiles.Shipped,
                new Mandates.SetUp(accountId, "Sam Tester", "089999", "66374958", UkTime.Today(SystemClock.Instance), "test"), now)).ShouldBeOfType<Outcome<Mandate>.Done>().Value;
            (await Mandates.EndAsync(c, tx, app.HomeCouncil, mandate.MandateId, MandateStatus.Cancelled, "Instruction cancelled by payer (ADDACS 1)",
                UkTime.Today(SystemClock.Instance), tellTheBank: false, "test", "Bacs ADDACS", now)).ShouldBeOfType<Outcome<Mandate>.Done>();
            await tx.CommitAsync();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInPageAsync(context, "officer");

        await page.GotoAsync($"/accounts/{ended}/direct-debit");
        var letter = page.GetByTestId("dd-letter");
        (await letter.CountAsync()).ShouldBe(1);
        (await letter.InnerTextAsync()).ShouldContain("Direct Debit cancelled");
        (await letter.InnerTextAsync()).ShouldContain("next payment due by");
        await AssertAccessibleAsync(page, "mandate page with its letters");

        var paper = await DirectDebitSetup.AccountWithoutMandateAsync(app);
        await page.GotoAsync($"/accounts/{paper}/direct-debit");
        await page.GetByLabel("Name of the account holder").FillAsync("Sam Tester");
        await page.GetByLabel("Sort code").FillAsync("089999");
        await page.GetByLabel("Account number").FillAsync("66374958");
        await page.GetByLabel("The payer already pays by a paper Direct Debit instruction").CheckAsync();
        await AssertAccessibleAsync(page, "mandate form with the paper instruction ticked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up Direct Debit" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl($"/accounts/{paper}/direct-debit"));

        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("converted (0S)");
        (await app.CountAsync(
            "select count(*) from dd_instruction i join dd_mandate m on m.council_id = i.council_id and m.mandate_id = i.mandate_id " +
            "join account a on a.council_id = m.council_id and a.account_id = m.account_id where a.reference = @paper and i.code = '0S'", new { paper })).ShouldBe(1);
    }

    [Fact]
    public async Task The_refund_queue_shows_card_and_bacs_refunds_and_a_card_refund_not_yet_sent_with_no_wcag_violations()
    {
        await PaymentsSetup.RefundLimitAsync(app, 5_000);
        var waiting = await PaymentsSetup.AccountInCreditAsync(app);
        var approved = await PaymentsSetup.AccountInCreditAsync(app);
        using (var officer = await OfficerClient.SignedInAsync(app, "officer"))
        {
            Dictionary<string, string> Card(string amount) => new()
            {
                ["amount"] = amount, ["method"] = "card", ["cardPaymentId"] = "pay-browser-test", ["reason"] = "Paid twice by card",
            };
            (await officer.PostFormAsync($"/accounts/{waiting}/refund", Card("55.00"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await officer.PostFormAsync($"/accounts/{approved}/refund", Card("40.00"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInPageAsync(context, "teamleader");
        await page.GotoAsync("/payments/refunds");

        (await page.GetByTestId("refund-method").AllInnerTextsAsync()).ShouldContain("Card, through GOV.UK Pay");
        var row = page.GetByTestId("card-refund").Filter(new() { HasText = approved });
        (await row.CountAsync()).ShouldBe(1);
        (await row.GetByTestId("card-refund-status").InnerTextAsync()).ShouldContain("Not sent yet");
        await AssertAccessibleAsync(page, "refund queue with card refunds");
    }
}
