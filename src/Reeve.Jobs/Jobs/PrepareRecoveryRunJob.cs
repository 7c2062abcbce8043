using Reeve.Kernel;
using Reeve.Recovery;

namespace Reeve.Jobs;

/// <summary>
/// Prepares each business day's recovery run for a Team Leader to approve in the app, as `reeve recovery run` does.
/// Preparing again the same day replaces the counts; a run already approved is left alone.
/// </summary>
internal sealed class PrepareRecoveryRunJob : IScheduledJob
{
    public JobDefinition Definition { get; } = new("prepare-recovery-run", "Prepare the recovery run", "0 0 6 ? * MON-FRI", "6am on working days");

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct)
    {
        if (Councils.NotAWorkingDay(context, "no run prepared.") is { } notToday)
        {
            return notToday;
        }

        return await Councils.EachAsync(context, async council =>
        {
            await using var connection = await context.Db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var options = new RecoveryRunOptions(council, context.Today, context.Today, context.Actor);
            switch (await PrepareRecoveryRun.HandleAsync(connection, tx, options, context.Now, ct))
            {
                case Outcome<RecoveryRunReport>.Done { Value: var report }:
                    await tx.CommitAsync(ct);
                    return $"Run {report.RunId} prepared for approval: {Councils.Plural(report.Accounts, "account", "accounts")} with a next step.";
                case Outcome<RecoveryRunReport>.Conflict conflict:
                    return conflict.Message + ": left as it is.";
                case Outcome<RecoveryRunReport>.Invalid invalid:
                    throw new InvalidOperationException($"{invalid.Field}: {invalid.Message}");
                case var other:
                    throw new InvalidOperationException($"Unexpected outcome {other}");
            }
        }, "No council to prepare a run for.", ct);
    }
}
