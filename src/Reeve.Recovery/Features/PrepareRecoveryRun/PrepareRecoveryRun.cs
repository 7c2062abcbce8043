using System.Data.Common;
using System.Globalization;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;

namespace Reeve.Recovery;

/// <summary>
/// Prepares today's run: works out every account's next step as a preview does, and records the run and its counts
/// for a Team Leader to approve. Preparing again the same day, before approval, replaces the counts. Runs go forward
/// in date order, and notices are issued on the day of the run, so only today's run can be prepared.
/// </summary>
public static class PrepareRecoveryRun
{
    public static async Task<Outcome<RecoveryRunReport>> HandleAsync(
        DbConnection connection, DbTransaction tx, RecoveryRunOptions options, Instant now, CancellationToken ct = default)
    {
        if (options.RunDate != options.Today)
        {
            return new Outcome<RecoveryRunReport>.Invalid("date", options.RunDate > options.Today
                ? $"A recovery run cannot be dated after today ({DateText.LongForm.Format(options.Today)})"
                : $"A recovery run is prepared for today ({DateText.LongForm.Format(options.Today)}); notices are issued on the day of the run, so {DateText.LongForm.Format(options.RunDate)} has passed. Use --preview to see what a past date would have done");
        }

        if (await RecoveryRuns.ApprovedAfterAsync(connection, tx, options.Council, options.RunDate) is { } laterDate)
        {
            return new Outcome<RecoveryRunReport>.Invalid("date", $"A run for {DateText.LongForm.Format(laterDate)} has already been approved; runs go forward in date order");
        }

        var existing = await RecoveryRuns.OnDateAsync(connection, tx, options.Council, options.RunDate);
        if (existing is not null && existing.Status != "prepared")
        {
            return new Outcome<RecoveryRunReport>.Conflict($"Run {existing.RunId} for {DateText.LongForm.Format(options.RunDate)} is already {existing.Status}");
        }

        var plan = await RecoveryRunReading.EvaluateAllAsync(connection, tx, options, ct);
        var summary = plan.Summary();
        long runId;
        if (existing is not null)
        {
            runId = existing.RunId;
            await RecoveryRuns.RePrepareAsync(connection, tx, options, runId, summary, now);
        }
        else
        {
            runId = await RecoveryRuns.InsertPreparedAsync(connection, tx, options, summary, now);
        }

        await AuditTrail.RecordAsync(connection, tx, options.Council, options.Officer, AuditTrail.Actions.Change, "recovery-run", runId.ToString(CultureInfo.InvariantCulture),
            $"Prepared the recovery run for {DateText.LongForm.Format(options.RunDate)}: {summary}", null, now);
        return plan.Report(runId, "prepared", 0) with { PreparedBy = options.Officer };
    }
}
