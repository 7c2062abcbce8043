using Reeve.Kernel;

namespace Reeve.Jobs;

/// <summary>
/// Runs every module's registered daily duty (<see cref="DailyDuties"/>) for every council each working day: Breathing
/// Spaces past their last day ended, awards whose review date has come put on the work queue, and whatever else a module
/// registers. Each duty runs on its own: one that throws is named in the summary and fails the run (so it is flagged),
/// and the others still run. A duty is idempotent, so "Run now" after a failure does nothing twice.
/// </summary>
internal sealed class RunDailyDutiesJob(IReadOnlyList<IDailyDuty>? duties = null) : IScheduledJob
{
    public JobDefinition Definition { get; } = new("daily-duties", "Daily checks: Breathing Space ends, reviews due", "0 0 6 ? * MON-FRI", "6am on working days");

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct)
    {
        if (Councils.NotAWorkingDay(context, "the daily checks run on the next working day.") is { } notToday)
        {
            return notToday;
        }

        var all = duties ?? DailyDuties.All;
        if (all.Count == 0)
        {
            return new JobDone("No daily duty is registered: the composition root registers each module's duties at start-up.");
        }

        return await Councils.EachAsync(context, async council =>
        {
            var said = new List<string>();
            var failed = false;
            foreach (var duty in all)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    await using var connection = await context.Db.OpenAsync(ct);
                    var line = await duty.RunAsync(connection, new DutyDay(council, context.Today, context.Now, context.Actor), ct);
                    said.Add($"{duty.Name}: {line ?? "nothing due"}.");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed = true;
                    said.Add($"{duty.Name}: FAILED: {e.Message}");
                }
            }

            return (string.Join(" ", said), failed);
        }, "No council to check.", ct);
    }
}
