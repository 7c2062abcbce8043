using System.CommandLine;
using Reeve.Jobs;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.RunJobs;

/// <summary>
/// `reeve jobs list`: each scheduled job, its last run and what it did, its next run; `reeve jobs run`: fire the jobs from
/// this machine until stopped, when the setting Jobs__RunIn says `cli` (the web app fires them otherwise). Were both
/// started by mistake, the job lease still lets one job run only once at a time (docs/decisions/0054-scheduled-jobs.md).
/// </summary>
internal static class JobsCommand
{
    public const string RunInVariable = "Jobs__RunIn";
    public const string FolderVariable = "Jobs__Folder";

    public static Command Create(CliHost host) => new("jobs", "The scheduled jobs: list them, or run the scheduler on this machine") { List(host), Run(host) };

    private static JobRunner Runner(CliHost host, ReeveDatabase db, string? folder) =>
        new(db, host.Clock, new JobFolders(folder ?? (host.Environment(FolderVariable) is { Length: > 0 } set ? set : JobFolders.DefaultRoot(db))),
            JobCatalogue.All(), "cli@" + Environment.MachineName);

    private static Option<string?> Folder() => new("--folder") { Description = $"Where the jobs pick files up and write theirs (default: ${FolderVariable}, else jobs beside the SQLite file, or ./data/jobs)", HelpName = "folder" };

    private static Command List(CliHost host)
    {
        var folder = Folder();
        var command = new Command("list", "Each scheduled job: its last run, its outcome and what it did, its next run") { folder };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            await MigrationRunner.MigrateAsync(db, ct);
            await using var scheduler = await ReeveScheduler.OpenAsync(Runner(host, db, parsed.GetValue(folder)), ct);
            var table = new Table().AddColumns("Job", "When", "Last run", "Outcome", "What it did", "Next run");
            foreach (var j in await JobsOverview.ReadAsync(scheduler, host.Clock.GetCurrentInstant(), ct))
            {
                table.AddRow(
                    Markup.Escape($"{j.Definition.Title} ({j.Definition.Key})"),
                    Markup.Escape(j.Definition.When),
                    j.LastRun is { } last ? Markup.Escape(Kernel.UkTime.Describe(last.StartedAt)) : "not run yet",
                    j.LastRun?.Outcome.Code() ?? "",
                    Markup.Escape((j.LastRun?.Summary ?? "") + (j.Problem is { } p ? $" PROBLEM: {p}" : "")),
                    j.Paused ? "paused" : j.NextRun is { } next ? Markup.Escape(Kernel.UkTime.Describe(next)) : "");
            }

            host.Out.Write(table);
            return ReeveCli.Ok;
        });
        return command;
    }

    private static Command Run(CliHost host)
    {
        var folder = Folder();
        var seconds = CliOptions.WholeNumber("--stop-after", "Stop after this many seconds (default: run until stopped)", 0, minimum: 0);
        var command = new Command("run", $"Fire the scheduled jobs from this machine until stopped (needs {RunInVariable}=cli, so the web app does not fire them too)") { folder, seconds };
        command.SetAction(async (parsed, ct) =>
        {
            if (!string.Equals(host.Environment(RunInVariable), "cli", StringComparison.OrdinalIgnoreCase))
            {
                await host.Stderr.WriteLineAsync(
                    $"reeve jobs run: the jobs run in the web app. Set {RunInVariable}=cli for the web app and for this command to run them here instead.");
                return ReeveCli.Refused;
            }

            using var db = CliOptions.OpenDatabase(parsed, host);
            await MigrationRunner.MigrateAsync(db, ct);
            await using var scheduler = await ReeveScheduler.OpenAsync(Runner(host, db, parsed.GetValue(folder)), ct);
            await scheduler.StartAsync(ct);
            host.Out.MarkupLine(Markup.Escape($"Running {scheduler.Runner.Jobs.Count} scheduled jobs on {db.Describe()}, files under {scheduler.Runner.Folders.Root}. Stop with Ctrl+C."));
            try
            {
                await Task.Delay(parsed.GetValue(seconds) is > 0 and var s ? TimeSpan.FromSeconds(s) : Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }

            host.Out.MarkupLine("Stopping: waiting for any job running to finish.");
            return ReeveCli.Ok;
        });
        return command;
    }
}
