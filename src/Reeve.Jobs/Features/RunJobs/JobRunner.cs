using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Reeve.Persistence;

namespace Reeve.Jobs;

/// <summary>
/// Runs one job once, whoever fired it: records the run, takes the job's lease (or records that it was already running
/// and stops), runs it, and records its outcome, its one-line summary or its error. A job that throws is recorded as
/// failed and flagged on the home page; nothing it wrote in a transaction that did not commit is kept.
/// </summary>
public sealed class JobRunner(ReeveDatabase db, IClock clock, JobFolders folders, IReadOnlyList<IScheduledJob> jobs, string host, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public ReeveDatabase Database => db;

    public JobFolders Folders => folders;

    public IReadOnlyList<IScheduledJob> Jobs => jobs;

    /// <summary>The scheduler this runner belongs to, as the history and the leases name it.</summary>
    public string Host => host;

    public IScheduledJob? Find(string key) => jobs.FirstOrDefault(j => j.Definition.Key == key);

    public async Task<JobRun> RunAsync(string key, RunTrigger trigger, Instant? scheduledFor, string startedBy, CancellationToken ct = default)
    {
        var job = Find(key) ?? throw new InvalidOperationException($"There is no job '{key}'");
        var started = clock.GetCurrentInstant();
        long runId;
        await using (var connection = await db.OpenAsync(ct))
        {
            runId = await JobRuns.StartAsync(connection, key, trigger, scheduledFor, started, host, startedBy);
            if (!await JobLease.TryTakeAsync(connection, key, runId, host, started))
            {
                var holder = await JobLease.HolderAsync(connection, key, started) ?? "another scheduler";
                await JobRuns.FinishAsync(connection, runId, RunOutcome.Skipped, $"Not run: it was already running on {holder}, and a job never runs twice at once", null, started);
                return await JobRuns.GetAsync(connection, runId);
            }
        }

        RunOutcome outcome;
        string summary;
        string? error = null;
        try
        {
            var done = await job.RunAsync(new JobContext(db, clock, folders, started, startedBy), ct);
            outcome = done.Refused ? RunOutcome.Failed : RunOutcome.Succeeded;
            summary = done.Summary;
            error = done.Refused ? "Something it was given was refused: see the summary" : null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.LogError(e, "Job {Job} failed", key);
            outcome = RunOutcome.Failed;
            summary = "Failed: " + e.Message;
            error = e.GetType().Name + ": " + e.Message;
        }

        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            await JobRuns.FinishAsync(connection, runId, outcome, summary, error, clock.GetCurrentInstant());
            await JobLease.ReleaseAsync(connection, key, runId);
            return await JobRuns.GetAsync(connection, runId);
        }
    }

    /// <summary>As this host's scheduler starts: the runs it left running when it stopped are failed and their leases freed.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var failed = await JobRuns.FailInterruptedAsync(connection, host, clock.GetCurrentInstant());
        await JobLease.ReleaseHeldByAsync(connection, host);
        return failed;
    }
}
