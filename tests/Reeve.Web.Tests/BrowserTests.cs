using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class BrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    [Fact]
    public async Task An_officer_signs_in_searches_and_reads_an_accounts_ledger()
    {
        var reference = await app.AccountReferenceAsync();
        var surname = await app.QueryAsync<string>(
            "select n.surname from party_name n join account_party p on p.council_id = n.council_id and p.party_id = n.party_id " +
            "join account a on a.council_id = p.council_id and a.account_id = p.account_id where a.council_id = @c and a.reference = @reference and n.surname is not null limit 1",
            new { reference, c = app.HomeCouncil.Value });
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();

        await SignInAsync(page, "officer");
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(surname);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator("#people-results").WaitForAsync();
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await page.WaitForURLAsync(RecordUrl($"/accounts/{reference}"));
        (await page.Locator("h1").InnerTextAsync()).ShouldContain(reference);
        var balances = await page.Locator("#ledger [data-testid=running-balance]").AllInnerTextsAsync();
        balances.Count.ShouldBeGreaterThan(0);
        balances.ShouldAllBe(b => b.Contains('£'));
        (await page.Locator("#timeline .moj-timeline__item").CountAsync()).ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task Without_javascript_an_officer_can_still_sign_in_and_reach_an_account()
    {
        var reference = await app.AccountReferenceAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), JavaScriptEnabled = false });
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();

        await SignInAsync(page, "auditor");
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await page.WaitForURLAsync(RecordUrl($"/accounts/{reference}"));
        (await page.Locator("#ledger").IsVisibleAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task The_main_pages_have_no_wcag_a_or_aa_violations()
    {
        var reference = await app.AccountReferenceAsync();
        var (partyId, uprn, surname) = await app.PersonWithPropertyAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/sign-in");
        await AssertAccessibleAsync(page, "sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await AssertAccessibleAsync(page, "sign-in with errors");

        await SignInAsync(page, "teamleader");
        foreach (var path in new[]
                 {
                     "/", "/?q=" + Uri.EscapeDataString(surname), "/?q=123456789", $"/people/{partyId}", $"/properties/{uprn}",
                     $"/accounts/{reference}", $"/accounts/{reference}/payment-method", "/audit", "/error/404",
                     "/dashboards", "/dashboards/arrears", "/dashboards/suspense", "/returns/quarterly-receipts", "/returns/tax-base",
                 })
        {
            await page.GotoAsync(path);
            await AssertAccessibleAsync(page, path);
        }
    }

    [Fact]
    public async Task The_accessibility_check_itself_finds_a_known_violation()
    {
        // Guards the check above against passing because axe-core did not run.
        await using var context = await browser.Browser.NewContextAsync();
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><img src=\"x.png\"></main></body></html>");
        var result = await page.RunAxe(Wcag);
        result.Violations.Select(v => v.Id).ShouldContain("image-alt");
    }

    // Signing in is the set-up of these tests, not what they test. On a saturated CI machine a sign-in has been seen
    // to stay on the sign-in page (cause not yet found: see the closing note), so it is tried up to three times, and a
    // final failure reports what the page said.
    /// <summary>
    /// The address of a record page, with or without the council the app adds to it for officers of several
    /// councils (<c>?council=1</c>), and the fragment if one is given.
    /// </summary>
    internal static System.Text.RegularExpressions.Regex RecordUrl(string path, string? fragment = null) =>
        new(System.Text.RegularExpressions.Regex.Escape(path) + @"(\?[^#]*)?" + (fragment is null ? "" : "#" + System.Text.RegularExpressions.Regex.Escape(fragment)) + "$");

    internal static async Task SignInAsync(IPage page, string username)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/sign-in");
            await page.GetByLabel("Username").FillAsync(username);
            await page.GetByLabel("Password").FillAsync(ReeveAppFixture.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            try
            {
                // Commit, not load: the next step loads its own page, and waiting here for every asset of the
                // search page is not part of signing in.
                await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal),
                    new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
                return;
            }
            catch (TimeoutException) when (!page.Url.Contains("/sign-in", StringComparison.Ordinal))
            {
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
            catch (TimeoutException ex)
            {
                var said = await page.Locator("body").InnerTextAsync();
                throw new InvalidOperationException($"Signing in as {username} stayed on {page.Url}; the page said: {said}", ex);
            }
        }
    }

    internal static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(Wcag);
        var problems = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Html))}").ToList();
        problems.ShouldBeEmpty($"axe-core found WCAG A/AA violations on {what}");
    }
}
