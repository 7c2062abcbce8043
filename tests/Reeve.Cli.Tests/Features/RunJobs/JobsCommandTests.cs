using Reeve.Jobs;
using Reeve.Persistence;

namespace Reeve.Cli.Tests.Features.RunJobs;

/// <summary>
/// `reeve jobs list` reads the schedule and the run history from the database; `reeve jobs run` fires the jobs from this
/// machine only when the setting says the jobs run in the CLI, so the web app and the CLI never both fire them.
/// </summary>
public class JobsCommandTests
{
    private static readonly Dictionary<string, string> RunInCli = new() { ["Jobs__RunIn"] = "cli" };

    // The table wraps long cells onto more lines; what a cell says is read with the table's rules and line breaks taken out.
    private static string Cells(string table) =>
        string.Concat(table.Where(ch => char.IsLetterOrDigit(ch) || ch is '-' or ':' or '.' or '(' or ')'));

    [Fact]
    public async Task Jobs_list_names_every_scheduled_job_with_its_next_run_on_a_new_database()
    {
        using var folder = new TempFolder();

        var listed = await CliRun.RunAsync("jobs", "list", "--db", folder.File("reeve.db"), "--folder", folder.File("jobs"));

        listed.ExitCode.ShouldBe(0, listed.Stderr);
        var cells = Cells(listed.Stdout);
        foreach (var job in JobCatalogue.All())
        {
            cells.ShouldContain($"({job.Definition.Key})");
        }

        cells.ShouldContain("(daily-duties)");
        cells.ShouldContain("notrunyet");
    }

    [Fact]
    public async Task Jobs_list_shows_a_failed_run_with_what_it_did_and_flags_the_problem()
    {
        using var folder = new TempFolder();
        var path = folder.File("reeve.db");
        (await CliRun.RunAsync("db", "migrate", "--db", path)).ExitCode.ShouldBe(0);
        using (var db = ReeveDatabase.Sqlite(path))
        {
            await using var connection = await db.OpenAsync();
            var run = await JobRuns.StartAsync(connection, "daily-duties", RunTrigger.Schedule, CliRun.Now, CliRun.Now, "web@elsewhere", "scheduler");
            await JobRuns.FinishAsync(connection, run, RunOutcome.Failed, "Reviews due: FAILED: disk full", "InvalidOperationException: disk full", CliRun.Now);
        }

        var listed = await CliRun.RunAsync("jobs", "list", "--db", path, "--folder", folder.File("jobs"));

        listed.ExitCode.ShouldBe(0, listed.Stderr);
        var cells = Cells(listed.Stdout);
        cells.ShouldContain("failed");
        cells.ShouldContain("Reviewsdue:FAILED:diskfull");
        cells.ShouldContain("PROBLEM:");
    }

    [Fact]
    public async Task Jobs_run_is_refused_while_the_jobs_run_in_the_web_app()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync("jobs", "run", "--db", folder.File("reeve.db"), "--stop-after", "1");

        run.ExitCode.ShouldNotBe(0);
        run.Stderr.ShouldContain("Jobs__RunIn=cli");
        File.Exists(folder.File("reeve.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Jobs_run_fires_the_schedule_from_this_machine_and_leaves_it_in_the_database()
    {
        using var folder = new TempFolder();
        var path = folder.File("reeve.db");

        var run = await CliRun.RunWithEnvironmentAsync(RunInCli, "jobs", "run", "--db", path, "--folder", folder.File("jobs"), "--stop-after", "1");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain($"Running {JobCatalogue.All().Count} scheduled jobs");
        run.Stdout.ShouldContain("Stopping");
        // The schedule it ran is in the database's job store: a list afterwards reads every job's next run from there.
        var listed = await CliRun.RunAsync("jobs", "list", "--db", path, "--folder", folder.File("jobs"));
        Cells(listed.Stdout).ShouldContain("(print-letters)");
    }
}
