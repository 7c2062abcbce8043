using NodaTime;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Jobs.Tests.Features;

/// <summary>A job a test controls: it counts its runs, notes how many ran at once, and can be held open or made to fail.</summary>
internal sealed class CountingJob(string key = "count", string? failWith = null) : IScheduledJob
{
    private int _running;
    private int _runs;
    private int _mostAtOnce;

    public JobDefinition Definition { get; } = new(key, "Count", "0 0 3 * * ?", "3am every day");

    public int Runs => Volatile.Read(ref _runs);

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    /// <summary>When set, a run waits for it before finishing.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct)
    {
        var now = Interlocked.Increment(ref _running);
        InterlockedMax(ref _mostAtOnce, now);
        var run = Interlocked.Increment(ref _runs);
        Entered.TrySetResult();
        try
        {
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            }
            else
            {
                await Task.Delay(200, ct);
            }

            return failWith is null ? new JobDone($"Counted run {run}.") : throw new InvalidOperationException(failWith);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

internal static class Runners
{
    public static JobRunner For(ReeveDatabase db, FakeClock clock, string folder, string host, params IScheduledJob[] jobs) =>
        new(db, clock, new JobFolders(folder), jobs, host);

    /// <summary>Waits until the job has a finished run (other than skipped ones), or fails the test after a while.</summary>
    public static async Task<IReadOnlyList<JobRun>> FinishedAsync(ReeveDatabase db, string job, int count = 1)
    {
        var until = SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(40);
        while (true)
        {
            await using (var connection = await db.OpenAsync())
            {
                var runs = await JobRuns.RecentAsync(connection, job, 50);
                var finished = runs.Where(r => r.Outcome is not RunOutcome.Running).ToList();
                if (finished.Count >= count)
                {
                    return finished;
                }
            }

            if (SystemClock.Instance.GetCurrentInstant() > until)
            {
                throw new TimeoutException($"The job '{job}' did not finish {count} run(s) in time");
            }

            await Task.Delay(100);
        }
    }
}
