using NodaTime;

namespace Reeve.Jobs;

/// <summary>A job as the Jobs page shows it: its last run, its next, whether it is paused, and whether it needs a look.</summary>
public sealed record JobStatus(JobDefinition Definition, JobRun? LastRun, Instant? NextRun, bool Paused, string? Problem);

/// <summary>
/// Where each job stands, and which need an officer's look: a last run that failed, or a run overdue, because nothing
/// fired it at its time (no scheduler running, or the job was held up) or it ran well after its time (a misfire: the
/// app was down when it was due).
/// </summary>
public static class JobsOverview
{
    /// <summary>How late a run may be before it is flagged.</summary>
    public static readonly Duration Grace = Duration.FromMinutes(10);

    public static async Task<IReadOnlyList<JobStatus>> ReadAsync(ReeveScheduler scheduler, Instant now, CancellationToken ct = default)
    {
        var schedule = (await scheduler.ScheduleAsync(ct)).ToDictionary(s => s.Key, StringComparer.Ordinal);
        IReadOnlyDictionary<string, JobRun> latest;
        await using (var connection = await scheduler.Runner.Database.OpenAsync(ct))
        {
            latest = await JobRuns.LatestAsync(connection);
        }

        return scheduler.Runner.Jobs.Select(j =>
        {
            var key = j.Definition.Key;
            var s = schedule.GetValueOrDefault(key);
            var last = latest.GetValueOrDefault(key);
            return new JobStatus(j.Definition, last, s?.NextRun, s?.Paused ?? false, Problem(last, s, now));
        }).ToList();
    }

    public static string? Problem(JobRun? last, JobSchedule? schedule, Instant now)
    {
        if (last is { Outcome: RunOutcome.Failed })
        {
            return "Its last run failed: " + (last.Summary.Length > 0 ? last.Summary : last.Error);
        }

        if (schedule is { Paused: false, NextRun: { } next } && next + Grace < now)
        {
            return "A run is overdue: it was due at " + Kernel.UkTime.Describe(next) + " and has not run. Check that the scheduler is running.";
        }

        if (last is { Outcome: RunOutcome.Running } && last.StartedAt + JobLease.Length < now)
        {
            return "A run started at " + Kernel.UkTime.Describe(last.StartedAt) + " has not finished.";
        }

        if (last is { Trigger: RunTrigger.Schedule or RunTrigger.Recovered, ScheduledFor: { } due } && last.StartedAt - due > Grace)
        {
            return "Its last run was late: it was due at " + Kernel.UkTime.Describe(due) + " and ran at " + Kernel.UkTime.Describe(last.StartedAt) +
                " (the scheduler was not running at its time).";
        }

        return null;
    }
}
