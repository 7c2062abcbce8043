#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Persistence;

namespace Reeve.Jobs;

/// <summary>How a run came about: its schedule, an officer's "Run now", or Quartz recovering a run a crash cut short.</summary>
public enum RunTrigger
{
    Schedule,
    RunNow,
    Recovered,
}

public enum RunOutcome
{
    Running,
    Succeeded,
    Failed,
    Skipped,
}

public sealed record JobRun(
    long RunId, string Job, RunTrigger Trigger, Instant? ScheduledFor, Instant StartedAt, Instant? FinishedAt,
    RunOutcome Outcome, string Summary, string? Error, string Host, string StartedBy);

/// <summary>
/// The history of job runs, which Quartz does not keep for Reeve: a row when a run starts, finished once when it ends.
/// Rows are never deleted; a run a crash cut short is finished as failed by the next start of the same scheduler.
/// </summary>
public static class JobRuns
{
    public static string Code(this RunTrigger trigger) => trigger switch
    {
        RunTrigger.Schedule => "schedule",
        RunTrigger.RunNow => "run-now",
        RunTrigger.Recovered => "recovered",
    };

    public static string Code(this RunOutcome outcome) => outcome switch
    {
        RunOutcome.Running => "running",
        RunOutcome.Succeeded => "succeeded",
        RunOutcome.Failed => "failed",
        RunOutcome.Skipped => "skipped",
    };

    public static async Task<long> StartAsync(
        DbConnection connection, string job, RunTrigger trigger, Instant? scheduledFor, Instant now, string host, string startedBy) =>
        await connection.ExecuteScalarAsync<long>(
            "insert into job_run (job, trigger_kind, scheduled_for, started_at, outcome, summary, host, started_by) " +
            "values (@job, @trigger, @scheduledFor, @now, 'running', '', @host, @startedBy) returning run_id",
            new { job, trigger = trigger.Code(), scheduledFor, now, host, startedBy });

    /// <summary>Records a run that did not start (the job was already running elsewhere), finished as it is written.</summary>
    public static async Task<long> SkippedAsync(
        DbConnection connection, string job, RunTrigger trigger, Instant? scheduledFor, Instant now, string host, string startedBy, string why) =>
        await connection.ExecuteScalarAsync<long>(
            "insert into job_run (job, trigger_kind, scheduled_for, started_at, finished_at, outcome, summary, host, started_by) " +
            "values (@job, @trigger, @scheduledFor, @now, @now, 'skipped', @why, @host, @startedBy) returning run_id",
            new { job, trigger = trigger.Code(), scheduledFor, now, host, startedBy, why });

    /// <summary>Finishes a running run once: a run already finished is left as it was.</summary>
    public static async Task<bool> FinishAsync(DbConnection connection, long runId, RunOutcome outcome, string summary, string? error, Instant now) =>
        await connection.ExecuteAsync(
            "update job_run set finished_at = @now, outcome = @outcome, summary = @summary, error = @error where run_id = @runId and outcome = 'running'",
            new { runId, outcome = outcome.Code(), summary = OneLine(summary, 500), error = error is null ? null : OneLine(error, 2000), now }) == 1;

    /// <summary>
    /// Runs this host's scheduler left running when it stopped: finished as failed, for they did not finish. Called as the
    /// scheduler starts again, before Quartz recovers them.
    /// </summary>
    public static async Task<int> FailInterruptedAsync(DbConnection connection, string host, Instant now) =>
        await connection.ExecuteAsync(
            "update job_run set finished_at = @now, outcome = 'failed', error = @error where host = @host and outcome = 'running'",
            new { host, now, error = "The run was interrupted: the scheduler stopped before it finished. It is run again; its handlers do nothing twice." });

    public static async Task<JobRun> GetAsync(DbConnection connection, long runId) =>
        (await connection.QuerySingleAsync<Row>(Select + " where run_id = @runId", new { runId })).ToRun();

    public static async Task<IReadOnlyList<JobRun>> RecentAsync(DbConnection connection, string? job, int limit) =>
        (await connection.QueryAsync<Row>(
            Select + (job is null ? "" : " where job = @job") + " order by run_id desc limit @limit", new { job, limit }))
        .Select(r => r.ToRun()).ToList();

    /// <summary>Each job's newest run, and its newest finished run, by job.</summary>
    public static async Task<IReadOnlyDictionary<string, JobRun>> LatestAsync(DbConnection connection) =>
        (await connection.QueryAsync<Row>(
            Select + " where run_id in (select max(run_id) from job_run where outcome <> 'skipped' group by job)"))
        .Select(r => r.ToRun()).ToDictionary(r => r.Job, StringComparer.Ordinal);

    private static string OneLine(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    private const string Select =
        "select run_id, job, trigger_kind, scheduled_for, started_at, finished_at, outcome, summary, error, host, started_by from job_run";

    private sealed class Row
    {
        public long run_id { get; set; }
        public string job { get; set; } = "";
        public string trigger_kind { get; set; } = "";
        public Instant? scheduled_for { get; set; }
        public Instant started_at { get; set; }
        public Instant? finished_at { get; set; }
        public string outcome { get; set; } = "";
        public string summary { get; set; } = "";
        public string? error { get; set; }
        public string host { get; set; } = "";
        public string started_by { get; set; } = "";

        public JobRun ToRun() => new(run_id, job,
            trigger_kind switch { "run-now" => RunTrigger.RunNow, "recovered" => RunTrigger.Recovered, _ => RunTrigger.Schedule },
            scheduled_for, started_at, finished_at,
            outcome switch { "succeeded" => RunOutcome.Succeeded, "failed" => RunOutcome.Failed, "skipped" => RunOutcome.Skipped, _ => RunOutcome.Running },
            summary, error, host, started_by);
    }
}
