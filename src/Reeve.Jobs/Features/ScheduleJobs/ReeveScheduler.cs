using NodaTime;
using Quartz;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Jobs;

/// <summary>Where a job stands in the schedule: its next run, whether it is paused.</summary>
public sealed record JobSchedule(string Key, Instant? NextRun, Instant? PreviousRun, bool Paused);

/// <summary>
/// Quartz.NET with its ADO job store in Reeve's own database (docs/decisions/0054-scheduled-jobs.md). One scheduler fires
/// the jobs (the web app's by default, or `reeve jobs run`); any number may be opened without starting, to read the
/// schedule, pause, resume or ask for a run now, which the firing scheduler then picks up from the store. On PostgreSQL
/// the schedulers form a Quartz cluster; on both engines <see cref="JobLease"/> keeps a job from running twice at once.
/// </summary>
public sealed class ReeveScheduler : IAsyncDisposable
{
    public const string Group = "reeve";
    internal const string RunnerKey = "reeve.runner";
    internal const string TriggerData = "reeve.trigger";

    private readonly IScheduler _scheduler;

    private ReeveScheduler(IScheduler scheduler, JobRunner runner)
    {
        _scheduler = scheduler;
        Runner = runner;
    }

    public JobRunner Runner { get; }

    /// <summary>
    /// Opens the scheduler over the database and puts every job in the store with its cron trigger, if it is not there yet
    /// (a paused job stays paused). The runner's host names this scheduler in the history and the leases; Quartz knows each
    /// opening by that name and a suffix of its own, for a cluster needs every node's id to differ.
    /// </summary>
    public static async Task<ReeveScheduler> OpenAsync(JobRunner runner, CancellationToken ct = default)
    {
        var instance = runner.Host + "-" + Guid.NewGuid().ToString("N")[..8];
        var db = runner.Database;
        var builder = QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "reeve";
                o.InstanceId = instance;
                // A run asked for by another process is picked up within this; one asked for here at once.
                o.IdleWaitTime = TimeSpan.FromSeconds(5);
            });
            q.UseDefaultThreadPool(2);
            q.UsePersistentStore(store =>
            {
                if (db.IsPostgres)
                {
                    store.UsePostgres(db.ConnectionString);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                }
                else
                {
                    store.UseSqlite(db.ConnectionString);
                }

                store.UseSystemTextJsonSerializer();
                // Reeve's migrations own the tables (0056); Quartz only checks they are there.
                store.ConfigureStore(o => o.SchemaProvisioning = SchemaProvisioning.Validate);
            });
        });
        var scheduler = await builder.BuildScheduler(ct);
        scheduler.Context[RunnerKey] = runner;
        var opened = new ReeveScheduler(scheduler, runner);
        await opened.EnsureJobsAsync(ct);
        return opened;
    }

    /// <summary>Starts firing jobs: first the runs this host left running when it stopped are failed, and Quartz recovers them.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await Runner.RecoverAsync(ct);
        await _scheduler.Start(ct);
    }

    private async Task EnsureJobsAsync(CancellationToken ct)
    {
        foreach (var job in Runner.Jobs)
        {
            var d = job.Definition;
            var jobKey = new JobKey(d.Key, Group);
            var triggerKey = new TriggerKey(d.Key, Group);
            if (await _scheduler.Exists(jobKey, ct) && await _scheduler.GetTrigger(triggerKey, ct) is ICronTrigger existing
                && existing.CronExpressionString == d.Cron)
            {
                continue;
            }

            var detail = JobBuilder.Create<QuartzJob>()
                .WithIdentity(jobKey)
                .WithDescription(d.Title)
                .RequestRecovery()
                .StoreDurably()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(jobKey)
                .WithCronSchedule(d.Cron, c => c.InTimeZone(LondonTime).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            var paused = await _scheduler.GetTriggerState(triggerKey, ct) == TriggerState.Paused;
            await _scheduler.ScheduleJob(detail, trigger, new ScheduleJobOptions { Replace = true, Paused = paused }, ct);
        }
    }

    public async Task<IReadOnlyList<JobSchedule>> ScheduleAsync(CancellationToken ct = default)
    {
        var list = new List<JobSchedule>();
        foreach (var job in Runner.Jobs)
        {
            var key = new TriggerKey(job.Definition.Key, Group);
            var trigger = await _scheduler.GetTrigger(key, ct);
            var state = await _scheduler.GetTriggerState(key, ct);
            list.Add(new JobSchedule(job.Definition.Key,
                trigger?.NextFireTimeUtc is { } next ? Instant.FromDateTimeOffset(next) : null,
                trigger?.PreviousFireTimeUtc is { } previous ? Instant.FromDateTimeOffset(previous) : null,
                state == TriggerState.Paused));
        }

        return list;
    }

    public async Task<bool> PauseAsync(string key, CancellationToken ct = default) =>
        Runner.Find(key) is not null && await _scheduler.PauseJob(new JobKey(key, Group), ct);

    public async Task<bool> ResumeAsync(string key, CancellationToken ct = default) =>
        Runner.Find(key) is not null && await _scheduler.ResumeJob(new JobKey(key, Group), ct);

    /// <summary>Asks for a run now: the scheduler that fires jobs picks it up from the store within a second or two.</summary>
    public async Task<bool> RunNowAsync(string key, string officer, CancellationToken ct = default)
    {
        if (Runner.Find(key) is null)
        {
            return false;
        }

        var data = new JobDataMap { [TriggerData] = "run-now:" + officer };
        await _scheduler.TriggerJob(new JobKey(key, Group), data, ct);
        return true;
    }

    public async ValueTask DisposeAsync() => await _scheduler.Shutdown(waitForJobsToComplete: true);

    private static readonly TimeZoneInfo LondonTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
}

/// <summary>The one Quartz job class: it hands the firing to <see cref="JobRunner"/>, which records it.</summary>
[DisallowConcurrentExecution]
internal sealed class QuartzJob : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var runner = (JobRunner)context.Scheduler.Context[ReeveScheduler.RunnerKey]!;
        var asked = context.MergedJobDataMap.TryGetValue(ReeveScheduler.TriggerData, out var value) ? value as string : null;
        var (trigger, by) = asked is { } text && text.StartsWith("run-now:", StringComparison.Ordinal)
            ? (RunTrigger.RunNow, text["run-now:".Length..])
            : (context.Recovering ? RunTrigger.Recovered : RunTrigger.Schedule, "scheduler:" + runner.Host);
        var scheduled = context.ScheduledFireTimeUtc is { } at ? Instant.FromDateTimeOffset(at) : (Instant?)null;
        await runner.RunAsync(context.JobDetail.Key.Name, trigger, scheduled, by, cancellationToken);
    }
}
