using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Jobs;

/// <summary>
/// One of the council's daily batch jobs: what it is called, when it runs (a Quartz cron expression read in UK time) and
/// what it does when it runs. A job calls the handlers the command line calls, for every council on the installation,
/// and says in one line what it did. Handlers are idempotent, so a job run again (after a crash, or by "Run now") does
/// nothing twice.
/// </summary>
public interface IScheduledJob
{
    JobDefinition Definition { get; }

    Task<JobDone> RunAsync(JobContext context, CancellationToken ct);
}

/// <param name="Key">The job's name in the schedule and the history: short, lower case, with hyphens.</param>
/// <param name="Title">The job as officers say it.</param>
/// <param name="Cron">When it fires, as a Quartz cron expression in UK time.</param>
/// <param name="When">The same in words, for the Jobs page.</param>
public sealed record JobDefinition(string Key, string Title, string Cron, string When);

/// <summary>
/// What a job run did, in one line for the Jobs page and the history. <paramref name="Refused"/> says something it was
/// given was refused (a file moved to failed): the run is recorded as failed, and flagged, with what it did.
/// </summary>
public sealed record JobDone(string Summary, bool Refused = false);

/// <summary>What a job may touch: the database, the clock read once for the run, the folders and who it acts as.</summary>
public sealed record JobContext(ReeveDatabase Db, IClock Clock, JobFolders Folders, Instant Now, string Actor)
{
    /// <summary>The run's business date: today in the UK.</summary>
    public LocalDate Today => Now.InZone(UkTime.Zone).Date;

    /// <summary>The England and Wales working-day calendar, which Bacs processing days follow too.</summary>
    public static WorkingDays Calendar => WorkingDays.EnglandAndWales;
}
