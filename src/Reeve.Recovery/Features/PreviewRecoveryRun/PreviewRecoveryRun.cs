using System.Data.Common;
using Reeve.Kernel;

namespace Reeve.Recovery;

/// <summary>
/// What a run on a date would do to every account (or to one account) and why. It writes nothing, so it may be
/// dated in the past to see what a run on that day would have done.
/// </summary>
public static class PreviewRecoveryRun
{
    public static async Task<Outcome<RecoveryRunReport>> HandleAsync(DbConnection connection, DbTransaction? tx, RecoveryRunOptions options, CancellationToken ct = default)
    {
        if (options.RunDate > options.Today)
        {
            return new Outcome<RecoveryRunReport>.Invalid("date", $"A recovery run cannot be dated after today ({DateText.LongForm.Format(options.Today)})");
        }

        var plan = await RecoveryRunReading.EvaluateAllAsync(connection, tx, options, ct);
        return plan.Report(null, "preview", 0);
    }
}
