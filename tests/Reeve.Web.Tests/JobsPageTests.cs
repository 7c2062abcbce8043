using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reeve.Jobs;
using Reeve.Web.Features.Jobs;

namespace Reeve.Web.Tests;

/// <summary>The web app's end of the scheduled jobs: what a failing job does to the home page, and the Jobs page's actions.</summary>
internal static class JobsSetup
{
    public const string Statements = "import-bank-statements";

    // A genuine public camt.053 file for a euro account (genkgo/camt, MIT; see tests/Reeve.Payments.Tests/Corpus/camt053):
    // the statement import refuses it, so the job moves it to failed and its run fails.
    public static void DropRefusedStatement(ReeveAppFixture app)
    {
        var inbox = new JobFolders(app.Services.GetRequiredService<JobsHost>().Folder).Statements(app.HomeCouncil);
        Directory.CreateDirectory(inbox);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Corpus", "genkgo-camt053.v2.minimal.xml"), Path.Combine(inbox, $"euro-{Guid.NewGuid():N}.xml"));
    }

    public static async Task<long> RunsAsync(ReeveAppFixture app, string job) =>
        await app.CountAsync("select count(*) from job_run where job = @job and outcome <> 'running'", new { job });

    /// <summary>Waits until the job has finished more runs than it had, and returns the newest one's outcome.</summary>
    public static async Task<string> NextFinishedAsync(ReeveAppFixture app, string job, long before)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            if (await RunsAsync(app, job) > before)
            {
                return await app.QueryAsync<string>("select outcome from job_run where job = @job order by run_id desc limit 1", new { job });
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The job {job} did not run");
    }

    /// <summary>Runs the job again with nothing waiting, so it succeeds and the home page's alert goes for the other tests.</summary>
    public static async Task ClearAsync(ReeveAppFixture app, OfficerClient client)
    {
        var before = await RunsAsync(app, Statements);
        await client.PostFormAsync("/jobs?handler=run", new() { ["job"] = Statements }, "/jobs");
        (await NextFinishedAsync(app, Statements, before)).ShouldBe("succeeded");
    }
}

[Collection(WebCollection.Name)]
public sealed class JobsPageTests(ReeveAppFixture app)
{
    [Fact]
    public async Task Team_leaders_managers_and_administrators_see_the_jobs_and_officers_and_auditors_do_not()
    {
        foreach (var who in new[] { "teamleader", "manager", "admin" })
        {
            using var client = await OfficerClient.SignedInAsync(app, who);
            var html = await client.GetPageAsync("/jobs");
            foreach (var job in JobCatalogue.All())
            {
                html.ShouldContain($"id=\"job-{job.Definition.Key}\"");
            }

            html.ShouldContain("Prepare the recovery run");
        }

        foreach (var who in new[] { "officer", "auditor" })
        {
            using var client = await OfficerClient.SignedInAsync(app, who);
            (await client.GetAsync("/jobs")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PostFormAsync("/jobs?handler=pause", new() { ["job"] = JobsSetup.Statements }, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_failing_run_is_flagged_on_the_home_page_until_the_job_runs_well_again()
    {
        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        JobsSetup.DropRefusedStatement(app);
        var before = await JobsSetup.RunsAsync(app, JobsSetup.Statements);

        var asked = await leader.PostFormAsync("/jobs?handler=run", new() { ["job"] = JobsSetup.Statements }, "/jobs");
        var outcome = await JobsSetup.NextFinishedAsync(app, JobsSetup.Statements, before);
        var home = await leader.GetPageAsync("/");
        var officersHome = await officer.GetPageAsync("/");
        var jobsPage = await leader.GetPageAsync("/jobs");
        await JobsSetup.ClearAsync(app, leader);
        var homeAfter = await leader.GetPageAsync("/");

        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        outcome.ShouldBe("failed");
        home.ShouldContain("id=\"jobs-alert\"");
        var alert = home[home.IndexOf("id=\"jobs-alert\"", StringComparison.Ordinal)..];
        alert.ShouldContain("Import bank statements (camt.053)</strong>: Its last run failed: ");
        alert.ShouldContain(": 1 statement picked up, 1 refused (moved to failed). euro-");
        officersHome.ShouldNotContain("jobs-alert");
        jobsPage.ShouldContain("govuk-tag--red\">Failed</strong>");
        homeAfter.ShouldNotContain("jobs-alert");
        (await app.CountAsync("select count(*) from audit_log where subject_kind = 'scheduled-job' and subject_id = @job and detail like 'Asked for a run now%'",
            new { job = JobsSetup.Statements })).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Pausing_a_job_shows_it_paused_with_no_next_run_until_it_is_resumed()
    {
        using var manager = await OfficerClient.SignedInAsync(app, "manager");

        (await manager.PostFormAsync("/jobs?handler=pause", new() { ["job"] = "print-letters" }, "/jobs")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var paused = await manager.GetPageAsync("/jobs");
        (await manager.PostFormAsync("/jobs?handler=resume", new() { ["job"] = "print-letters" }, "/jobs")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var resumed = await manager.GetPageAsync("/jobs");
        var refused = await manager.PostFormAsync("/jobs?handler=pause", new() { ["job"] = "no-such-job" }, "/jobs");

        Row(paused, "print-letters").ShouldContain("govuk-tag--yellow\">Paused</strong>");
        Row(paused, "print-letters").ShouldContain("id=\"resume-print-letters\"");
        Row(resumed, "print-letters").ShouldNotContain("Paused");
        Row(resumed, "print-letters").ShouldContain("id=\"pause-print-letters\"");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Choose one of the jobs listed");
        (await app.CountAsync("select count(*) from audit_log where subject_kind = 'scheduled-job' and subject_id = 'print-letters' and detail in ('Paused the job ''Print the day''s letters''', 'Resumed the job ''Print the day''s letters''')"))
            .ShouldBe(2);
    }

    private static string Row(string html, string job)
    {
        var start = html.IndexOf($"id=\"job-{job}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}

[Collection(BrowserCollection.Name)]
public sealed class JobsBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task A_team_leader_sees_a_failed_job_flagged_on_the_home_page_and_runs_it_again_from_the_jobs_page()
    {
        JobsSetup.DropRefusedStatement(app);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await BrowserTests.SignInAsync(page, "teamleader");
        await page.GotoAsync("/jobs");
        var before = await JobsSetup.RunsAsync(app, JobsSetup.Statements);

        await page.Locator($"#run-{JobsSetup.Statements}").ClickAsync();
        await page.GetByText("It runs in a moment").WaitForAsync();
        await BrowserTests.AssertAccessibleAsync(page, "the jobs page");
        (await JobsSetup.NextFinishedAsync(app, JobsSetup.Statements, before)).ShouldBe("failed");
        await page.GotoAsync("/");
        await page.Locator("#jobs-alert").WaitForAsync();
        await BrowserTests.AssertAccessibleAsync(page, "the home page with the jobs alert");
        await page.GetByRole(AriaRole.Link, new() { Name = "See the scheduled jobs" }).ClickAsync();
        await page.Locator($"#job-{JobsSetup.Statements} .govuk-tag--red").WaitForAsync();
        await BrowserTests.AssertAccessibleAsync(page, "the jobs page with a failed job");

        before = await JobsSetup.RunsAsync(app, JobsSetup.Statements);
        await page.Locator($"#run-{JobsSetup.Statements}").ClickAsync();
        (await JobsSetup.NextFinishedAsync(app, JobsSetup.Statements, before)).ShouldBe("succeeded");
        await page.GotoAsync("/");
        (await page.Locator("#jobs-alert").CountAsync()).ShouldBe(0);
    }
}
