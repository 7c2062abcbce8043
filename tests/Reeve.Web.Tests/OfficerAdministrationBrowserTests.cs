using Microsoft.Playwright;
using Reeve.Officers;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

/// <summary>Going live in the browser: an administrator creates an officer who sets a password and signs in; a new council is set up by its task list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficerAdministrationBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> AdminPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await SignInAsync(page, await app.NewOfficerAsync(Role.SystemAdministrator));
        return page;
    }

    [Fact]
    public async Task An_administrator_creates_an_officer_who_opens_the_link_sets_a_password_and_signs_in()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await AdminPageAsync(context);
        var username = "sam-" + Guid.NewGuid().ToString("N")[..8];

        await page.GotoAsync("/officers");
        await AssertAccessibleAsync(page, "officer list");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an officer" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Sam Browser");
        await page.GetByLabel("Team Leader").CheckAsync();
        await page.Locator("#councils").CheckAsync();
        await page.GetByLabel("Approval limit in pounds (optional)").FillAsync("500");
        await AssertAccessibleAsync(page, "create an officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create officer" }).ClickAsync();
        var link = await page.Locator("#link-address").InnerTextAsync();
        link.ShouldContain("/officers/set-password?token=");
        await AssertAccessibleAsync(page, "officer created with its link");

        // The officer, in a browser of their own.
        await using var theirs = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        theirs.SetDefaultTimeout(90_000);
        var officer = await theirs.NewPageAsync();
        await officer.GotoAsync(new Uri(link).PathAndQuery);
        await AssertAccessibleAsync(officer, "set your password");
        await officer.GetByLabel("New password", new() { Exact = true }).FillAsync("four random words here");
        await officer.GetByLabel("Type the new password again").FillAsync("four random words here");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await officer.WaitForURLAsync(url => url.Contains("password-set=true", StringComparison.Ordinal));
        await officer.GetByLabel("Username").FillAsync(username);
        await officer.GetByLabel("Password").FillAsync("four random words here");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await officer.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        (await officer.Locator("body").InnerTextAsync()).ShouldContain("Sam Browser");
    }

    [Fact]
    public async Task An_administrator_creates_a_council_and_completes_its_task_list()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await AdminPageAsync(context);
        var code = "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        await page.GotoAsync("/councils");
        await page.GetByLabel("Council's name").FillAsync("Browser Test Council " + code);
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create council" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Set up Browser Test Council " + code }).WaitForAsync();
        (await page.Locator("#letterhead-status").InnerTextAsync()).ShouldBe("Not started");
        await AssertAccessibleAsync(page, "council task list");

        await page.GetByRole(AriaRole.Link, new() { Name = "Letterhead and contact details" }).ClickAsync();
        await page.GetByLabel("Letterhead address").FillAsync("Town Hall\nHigh Street\nExampleton\nEX1 1AA");
        await page.GetByLabel("Telephone").FillAsync("01632 960000");
        await page.GetByLabel("Email address").FillAsync("revenues@example.gov.uk");
        await page.GetByLabel("Web address").FillAsync("www.example.gov.uk");
        await page.GetByLabel("Opening hours (optional)").FillAsync("Monday to Friday, 9am to 5pm");
        await AssertAccessibleAsync(page, "letterhead and contact details");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and return to the task list" }).ClickAsync();
        (await page.Locator("#letterhead-status").InnerTextAsync()).ShouldBe("Completed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bacs service user number" }).ClickAsync();
        await page.GetByLabel("Service user number").FillAsync("123456");
        await page.GetByLabel("Sort code of the collecting account").FillAsync("20-00-00");
        await page.GetByLabel("Account number").FillAsync("55779911");
        await page.GetByLabel("Name on payers' statements").FillAsync("EXAMPLE COUNCIL");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and return to the task list" }).ClickAsync();
        (await page.Locator("#service-user-number-status").InnerTextAsync()).ShouldBe("Completed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Recovery profile" }).ClickAsync();
        await page.GetByLabel("Days after an instalment is due before a reminder").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and return to the task list" }).ClickAsync();
        (await page.Locator("#recovery-profile-status").InnerTextAsync()).ShouldBe("Completed");
        (await page.Locator("#bank-accounts-status").InnerTextAsync()).ShouldBe("Not started");
        await AssertAccessibleAsync(page, "council task list part done");
    }
}
