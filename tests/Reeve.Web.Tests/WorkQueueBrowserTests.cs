using Microsoft.Playwright;
using NodaTime;
using Reeve.Kernel;
using Reeve.Work;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class WorkQueueBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task A_team_leader_takes_an_item_from_my_work_then_moves_another_to_an_officer()
    {
        var kind = "Browser work " + Guid.NewGuid().ToString("N")[..8];
        var today = UkTime.Today(SystemClock.Instance);
        await using (var connection = await app.Database.OpenAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            foreach (var (title, days) in new[] { ("Browser take", 2), ("Browser move", 4) })
            {
                await WorkQueue.RaiseAsync(connection, tx, app.HomeCouncil,
                    new WorkToRaise("tests.browser", Guid.NewGuid().ToString("N"), kind, title, WorkTeams.Payments, today.PlusDays(days), WorkClock.CalendarDays),
                    SystemClock.Instance.GetCurrentInstant());
            }

            await tx.CommitAsync();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "teamleader");

        await page.GotoAsync("/?kind=" + Uri.EscapeDataString(kind));
        await Assertions.Expect(page.Locator("#my-work-heading")).ToHaveTextAsync("My work");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take Browser take" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("You have taken: Browser take");
        await AssertAccessibleAsync(page, "my work after taking an item");

        await page.GotoAsync("/work/team?kind=" + Uri.EscapeDataString(kind));
        await page.GetByLabel("Select Browser move").CheckAsync();
        await page.GetByLabel("Move the selected work to").SelectOptionAsync("officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move selected work" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("1 item moved to");
        (await app.QueryAsync<string>("select assigned_to from work_item where council_id = @c and title = 'Browser move' and kind = @kind",
            new { c = app.HomeCouncil.Value, kind })).ShouldBe("officer");
        await AssertAccessibleAsync(page, "team work after moving an item");
    }
}
