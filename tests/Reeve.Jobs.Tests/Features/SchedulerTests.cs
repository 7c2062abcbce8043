using Reeve.TestKit;

namespace Reeve.Jobs.Tests.Features;

public sealed class SchedulerOnSqlite() : SchedulerTests(new SqliteEngine());

public sealed class SchedulerOnPostgres() : SchedulerTests(new PostgresEngine());

/// <summary>
/// The jobs run through Quartz's ADO job store in Reeve's own database and Reeve records each run, because the run's
/// outcome and what it did are what the Jobs page and the home page's alert are made from.
/// </summary>
public abstract class SchedulerTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reeve-jobs-").FullName;

    [Fact]
    public async Task A_job_asked_to_run_now_runs_through_the_store_and_records_its_run()
    {
        var job = new CountingJob();
        await using var scheduler = await ReeveScheduler.OpenAsync(Runners.For(Db, Clock, _folder, "web", job));
        await scheduler.StartAsync();

        (await scheduler.RunNowAsync("count", "a.leader")).ShouldBeTrue();

        var run = (await Runners.FinishedAsync(Db, "count")).ShouldHaveSingleItem();
        (run.Outcome, run.Trigger, run.StartedBy, run.Host, run.Summary).ShouldBe((RunOutcome.Succeeded, RunTrigger.RunNow, "a.leader", "web", "Counted run 1."));
        run.FinishedAt.ShouldNotBeNull();
        job.Runs.ShouldBe(1);
        // The cron trigger is in the store: its next run is known, and a scheduler opened later reads the same.
        var schedule = (await scheduler.ScheduleAsync()).ShouldHaveSingleItem();
        schedule.NextRun.ShouldNotBeNull();
        await using var reader = await ReeveScheduler.OpenAsync(Runners.For(Db, Clock, _folder, "cli", new CountingJob()));
        (await reader.ScheduleAsync()).ShouldHaveSingleItem().NextRun.ShouldBe(schedule.NextRun);
    }

    [Fact]
    public async Task A_failing_job_is_recorded_as_failed_with_its_error_and_the_next_run_still_comes()
    {
        var job = new CountingJob("fails", failWith: "The Bacs folder is not there");
        await using var scheduler = await ReeveScheduler.OpenAsync(Runners.For(Db, Clock, _folder, "web", job));
        await scheduler.StartAsync();

        await scheduler.RunNowAsync("fails", "a.leader");

        var run = (await Runners.FinishedAsync(Db, "fails")).ShouldHaveSingleItem();
        run.Outcome.ShouldBe(RunOutcome.Failed);
        run.Error.ShouldBe("InvalidOperationException: The Bacs folder is not there");
        run.Summary.ShouldBe("Failed: The Bacs folder is not there");
        (await scheduler.ScheduleAsync()).ShouldHaveSingleItem().NextRun.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_paused_job_stays_paused_in_the_store_until_it_is_resumed()
    {
        var job = new CountingJob();
        await using (var scheduler = await ReeveScheduler.OpenAsync(Runners.For(Db, Clock, _folder, "web", job)))
        {
            (await scheduler.PauseAsync("count")).ShouldBeTrue();
            (await scheduler.PauseAsync("no-such-job")).ShouldBeFalse();
        }

        // Opened again (the app restarted), the job is still paused: the store keeps it, and opening does not undo it.
        await using var again = await ReeveScheduler.OpenAsync(Runners.For(Db, Clock, _folder, "web", job));
        (await again.ScheduleAsync()).ShouldHaveSingleItem().Paused.ShouldBeTrue();
        (await again.ResumeAsync("count")).ShouldBeTrue();
        var resumed = (await again.ScheduleAsync()).ShouldHaveSingleItem();
        resumed.Paused.ShouldBeFalse();
        resumed.NextRun.ShouldNotBeNull();
    }

    [Fact]
    public async Task Two_schedulers_started_at_once_never_run_the_same_job_together()
    {
        // The web app's scheduler and `reeve jobs run` on another machine, both started by mistake, both asked to run it.
        var job = new CountingJob { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var web = await ReeveScheduler.OpenAsync(Runners.For(Db, Clock, _folder, "web", job));
        await using var cli = await ReeveScheduler.OpenAsync(Runners.For(Db, Clock, _folder, "cli", job));
        await web.StartAsync();
        await cli.StartAsync();

        await web.RunNowAsync("count", "a.leader");
        await job.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cli.RunNowAsync("count", "a.manager");
        // Quartz holds the second firing back while the first runs (the job disallows concurrent execution across
        // the store); were it not to, the database lease would record it as skipped. Either way one runs at a time.
        await Task.Delay(1500);
        job.Runs.ShouldBe(1);
        job.Gate.SetResult();
        var runs = await Runners.FinishedAsync(Db, "count", 2);

        runs.ShouldAllBe(r => r.Outcome == RunOutcome.Succeeded || r.Outcome == RunOutcome.Skipped);
        runs.Select(r => r.StartedBy).Order().ShouldBe(["a.leader", "a.manager"]);
        job.MostAtOnce.ShouldBe(1);
    }

    [Fact]
    public async Task The_lease_lets_only_one_of_two_runners_in_at_a_time_and_frees_the_job_when_the_run_ends()
    {
        var job = new CountingJob { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var first = Runners.For(Db, Clock, _folder, "web", job);
        var second = Runners.For(Db, Clock, _folder, "cli", job);

        var running = first.RunAsync("count", RunTrigger.Schedule, Now, "scheduler:web");
        await job.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var refused = await second.RunAsync("count", RunTrigger.Schedule, Now, "scheduler:cli");
        job.Gate.SetResult();
        var ran = await running;
        job.Gate = null;
        var after = await second.RunAsync("count", RunTrigger.Schedule, Now, "scheduler:cli");

        (refused.Outcome, refused.Summary).ShouldBe((RunOutcome.Skipped, "Not run: it was already running on web, and a job never runs twice at once"));
        ran.Outcome.ShouldBe(RunOutcome.Succeeded);
        after.Outcome.ShouldBe(RunOutcome.Succeeded);
        job.Runs.ShouldBe(2);
    }
}
