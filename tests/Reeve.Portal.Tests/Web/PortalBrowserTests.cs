using Dapper;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Reeve.TestKit;

namespace Reeve.Portal.Tests.Web;

/// <summary>A resident in Chromium: signing up with their bill, the emailed code, their account, its bill and why, a PDF; each page checked with axe.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalBrowserTests(PortalAppFixture app)
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    private async Task<IBrowserContext> ContextAsync(bool javaScript = true)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), JavaScriptEnabled = javaScript });
        // A loaded machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        return context;
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(Wcag);
        result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Html))}")
            .ShouldBeEmpty($"axe-core found WCAG A/AA violations on {what}");
    }

    /// <summary>Signs up through the pages: proof of the account, an email address, the code from the local Notify server.</summary>
    internal static async Task SignUpAsync(IPage page, PortalAppFixture app, PortalAppFixture.BilledAccount account, string email, bool axe)
    {
        await page.GotoAsync("/portal");
        if (axe)
        {
            await AssertAccessibleAsync(page, "start page");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();
        await page.WaitForURLAsync("**/portal/set-up");
        if (axe)
        {
            await AssertAccessibleAsync(page, "set-up page");
        }

        await page.GetByLabel("Account reference").FillAsync(account.Reference);
        await page.GetByLabel("Postcode of the property the bill is for").FillAsync(account.Postcode.ToLowerInvariant());
        await page.GetByLabel("Amount of your last bill").FillAsync(account.LastBill.ToPlainString());
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/portal/check-email");
        (await page.Locator("main").InnerTextAsync()).ShouldContain(email);
        if (axe)
        {
            await AssertAccessibleAsync(page, "check your email page");
        }

        await page.GetByLabel("Code from the email").FillAsync(app.LatestCodeFor(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        if (!page.Url.EndsWith("/portal/accounts", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing up stayed on {page.Url}; the page said: {await page.Locator("body").InnerTextAsync()}");
        }
    }

    [Fact]
    public async Task A_resident_signs_up_with_their_bill_sees_the_bill_and_why_downloads_it_and_cannot_see_another_account()
    {
        var accounts = await app.BilledAccountsAsync(skip: 0, take: 2);
        var (mine, theirs) = (accounts[0], accounts[1]);
        var email = $"resident-{Guid.NewGuid():N}@example.com";
        await using var context = await ContextAsync();
        var page = await context.NewPageAsync();

        await SignUpAsync(page, app, mine, email, axe: true);
        await AssertAccessibleAsync(page, "your accounts");
        (await page.Locator("main").InnerTextAsync()).ShouldContain(mine.Reference);

        await page.GetByRole(AriaRole.Link, new() { Name = $"View account {mine.Reference}" }).ClickAsync();
        await page.WaitForURLAsync($"**/portal/accounts/{mine.Reference}");
        await AssertAccessibleAsync(page, "account page");
        (await page.Locator("[data-testid=total-owed]").InnerTextAsync()).ShouldStartWith("£");

        await page.Locator("a", new() { HasTextString = "Why is my bill this much?" }).First.ClickAsync();
        await page.WaitForURLAsync($"**/portal/accounts/{mine.Reference}/bills/*");
        await AssertAccessibleAsync(page, "why is my bill this much");
        (await page.Locator("[data-testid=working] tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        var working = await page.Locator("[data-testid=working]").InnerTextAsync();
        working.ShouldContain("Band");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download this bill (PDF)" }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        pdf.Take(5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        PdfText.Read(pdf).ShouldContain(mine.Reference);

        // Another resident's account, by its reference, is not found, exactly as one that does not exist.
        var other = await page.GotoAsync($"/portal/accounts/{theirs.Reference}");
        other!.Status.ShouldBe(404);
        (await page.Locator("body").InnerTextAsync()).ShouldNotContain(theirs.Postcode);

        // Signing out ends the resident's session: their pages send them to the portal's own sign-in.
        await page.GotoAsync("/portal/accounts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/portal", StringComparison.Ordinal));
        await page.GotoAsync("/portal/accounts");
        page.Url.ShouldContain("/portal/sign-in");

        // Every view was written to the audit trail under the resident's name, as an officer's is.
        await using var connection = await app.Database.OpenAsync();
        var actors = (await connection.QueryAsync<string>(
            "select distinct officer from audit_log where subject_kind = 'account' and subject_id = @reference", new { reference = mine.Reference })).ToList();
        actors.ShouldHaveSingleItem().ShouldStartWith("resident:");
    }

    [Fact]
    public async Task Wrong_details_get_one_message_that_names_no_detail_and_a_wrong_code_is_refused()
    {
        var account = (await app.BilledAccountsAsync(skip: 2, take: 1)).Single();
        await using var context = await ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/portal/set-up");

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Enter your email address");
        await AssertAccessibleAsync(page, "set-up with a blank form");

        var email = $"wrong-{Guid.NewGuid():N}@example.com";
        await page.GetByLabel("Account reference").FillAsync(account.Reference);
        await page.GetByLabel("Postcode of the property the bill is for").FillAsync(account.Postcode);
        await page.GetByLabel("Amount of your last bill").FillAsync((account.LastBill + Reeve.Kernel.Money.FromPence(100)).ToPlainString());
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var summary = await page.Locator(".govuk-error-summary").InnerTextAsync();
        summary.ShouldContain(Reeve.Portal.Domain.Proof.Refused);
        await AssertAccessibleAsync(page, "set-up refused");
        app.Notify.Received.ShouldNotContain(m => m.GetProperty("email_address").GetString() == email);

        await page.GetByLabel("Amount of your last bill").FillAsync(account.LastBill.ToPlainString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/portal/check-email");
        var right = app.LatestCodeFor(email);
        await page.GetByLabel("Code from the email").FillAsync(right == "000000" ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain(Reeve.Portal.Features.ConfirmCode.ConfirmCode.Wrong);
        await AssertAccessibleAsync(page, "wrong code");
        page.Url.ShouldEndWith("/portal/check-email");
    }

    [Fact]
    public async Task Without_javascript_a_resident_can_sign_up_and_read_their_bill()
    {
        var account = (await app.BilledAccountsAsync(skip: 3, take: 1)).Single();
        await using var context = await ContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        // No axe here: axe needs JavaScript in the page.
        await SignUpAsync(page, app, account, $"nojs-{Guid.NewGuid():N}@example.com", axe: false);
        await page.GotoAsync($"/portal/accounts/{account.Reference}");
        (await page.Locator("h1").InnerTextAsync()).Length.ShouldBeGreaterThan(0);
        (await page.Locator("#bills").IsVisibleAsync()).ShouldBeTrue();
    }
}
