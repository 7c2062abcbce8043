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
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), JavaScriptEnabled = false });
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
}
