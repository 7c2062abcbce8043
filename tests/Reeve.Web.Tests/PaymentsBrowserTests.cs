using Microsoft.Playwright;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PaymentsBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task An_officer_clears_a_suspense_item_in_one_click_and_the_queue_has_no_wcag_violations()
    {
        var reference = await app.AccountReferenceAsync();
        var item = await PaymentsSetup.SuspenseItemNearAsync(app, reference, 2_468);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString()});
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer");

        await page.GotoAsync("/payments");
        await page.GetByRole(AriaRole.Link, new() { Name = "Suspense queue" }).ClickAsync();
        await page.WaitForURLAsync("**/payments/suspense");
        await AssertAccessibleAsync(page, "suspense queue");
        var card = page.Locator($"#item-{item}");
        (await card.InnerTextAsync()).ShouldContain("£24.68");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Allocate item {item} to account {reference}" }).ClickAsync();

        await page.WaitForURLAsync("**/payments/suspense");
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain($"£24.68 from item {item} posted to account {reference}");
        (await page.Locator($"#item-{item}").CountAsync()).ShouldBe(0);
        await AssertAccessibleAsync(page, "suspense queue after allocation");
    }

    [Fact]
    public async Task The_refund_request_and_approval_pages_have_no_wcag_violations()
    {
        var reference = await PaymentsSetup.AccountInCreditAsync(app);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer");

        await page.GotoAsync($"/accounts/{reference}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Refund a credit" }).ClickAsync();
        await AssertAccessibleAsync(page, "refund request form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request refund" }).ClickAsync();
        await AssertAccessibleAsync(page, "refund request form with errors");
        await page.GetByLabel("Amount to refund").FillAsync("30.00");
        await page.GetByLabel("By bank credit (Bacs)").CheckAsync();
        await page.GetByLabel("Name on the account").FillAsync("S HART");
        await page.GetByLabel("Sort code").FillAsync("107999");
        await page.GetByLabel("Account number").FillAsync("88837491");
        await page.GetByLabel("Why is the credit being refunded?").FillAsync("Overpaid after moving out");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request refund" }).ClickAsync();
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("held: bank details changed");

        await page.GotoAsync("/payments/refunds");
        await AssertAccessibleAsync(page, "refund approvals queue");
        await page.GotoAsync($"/accounts/{reference}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Statement for a period" }).ClickAsync();
        (await page.Locator("[data-testid=statement-line]").CountAsync()).ShouldBe(2);
        await AssertAccessibleAsync(page, "account statement");
        await page.GotoAsync("/payments/reconciliation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reconcile" }).ClickAsync();
        await page.Locator("#channels").WaitForAsync();
        await AssertAccessibleAsync(page, "reconciliation");
    }
}
