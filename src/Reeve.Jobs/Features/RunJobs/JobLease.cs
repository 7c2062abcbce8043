using System.Data.Common;
using Dapper;
using NodaTime;

namespace Reeve.Jobs;

/// <summary>
/// The database lease that keeps one job from running twice at once, whichever scheduler fires it (the web app's, or
/// `reeve jobs run` on another machine started by mistake beside it): a run takes the job's row until a time and gives
/// it back when it ends. A holder that crashed gives it up when the time passes, or when its scheduler starts again.
/// One statement takes it, so two takers at the same moment cannot both succeed on either engine.
/// </summary>
public static class JobLease
{
    public static readonly Duration Length = Duration.FromHours(2);

    public static async Task<bool> TryTakeAsync(DbConnection connection, string job, long runId, string holder, Instant now) =>
        await connection.ExecuteAsync(
            "insert into job_lease (job, run_id, holder, until) values (@job, @runId, @holder, @until) " +
            "on conflict (job) do update set run_id = excluded.run_id, holder = excluded.holder, until = excluded.until where job_lease.until < @now",
            new { job, runId, holder, until = now + Length, now }) == 1;

    public static async Task ReleaseAsync(DbConnection connection, string job, long runId) =>
        await connection.ExecuteAsync("delete from job_lease where job = @job and run_id = @runId", new { job, runId });

    /// <summary>Who holds a job's lease now, if anyone.</summary>
    public static async Task<string?> HolderAsync(DbConnection connection, string job, Instant now) =>
        await connection.ExecuteScalarAsync<string?>("select holder from job_lease where job = @job and until >= @now", new { job, now });

    /// <summary>Leases a scheduler held when it stopped: it is starting again, so those runs are over.</summary>
    public static async Task<int> ReleaseHeldByAsync(DbConnection connection, string holder) =>
        await connection.ExecuteAsync("delete from job_lease where holder = @holder", new { holder });
}
