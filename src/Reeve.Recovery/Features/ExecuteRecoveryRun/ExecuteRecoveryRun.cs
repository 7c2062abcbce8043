using System.Globalization;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Recovery;

/// <summary>
/// Executes an approved run (or carries on one that stopped): records each notice, the loss of instalments, summons
/// costs in the ledger, an event on each account and each notice's letter. The run date must be today.
/// <para>
/// This is a batch job, so unlike the other handlers it does not take one transaction from its caller: it goes
/// through the accounts in chunks, each in its own transaction with the run's progress, so a run that stops part-way
/// carries on after the last committed chunk and issues nothing twice (each notice also has a source key, account,
/// year and step, that the database keeps unique). It opens its own connections (the next chunk is read on a second
/// one) and reads the instant from the clock for each chunk.
/// </para>
/// </summary>
public static class ExecuteRecoveryRun
{
    /// <summary>Returns the report of what this call wrote; a run already executed writes nothing more.</summary>
    public static async Task<Outcome<RecoveryRunReport>> HandleAsync(
        ReeveDatabase db, CouncilId council, long runId, LocalDate today, string officer, IClock clock, int chunkSize = RecoveryRunOptions.DefaultChunkSize,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var run = await RecoveryRuns.GetAsync(connection, null, council, runId);
        if (run is null)
        {
            return new Outcome<RecoveryRunReport>.NotFound($"recovery run {runId}");
        }

        var runDate = run.RunDate;
        switch (run.Status)
        {
            case "prepared":
                return new Outcome<RecoveryRunReport>.Conflict($"Run {runId} has not been approved: a Team Leader who did not prepare it must approve it first");
            case "executed":
                return new RecoveryRunReport(runId, runDate, "executed", 0, new Dictionary<string, int>(), [], 0, run.PreparedBy, run.ApprovedBy);
            default:
                break;
        }

        if (runDate != today)
        {
            return new Outcome<RecoveryRunReport>.Invalid("date", $"Run {runId} is for {DateText.LongForm.Format(runDate)}, not today ({DateText.LongForm.Format(today)}); notices are issued on the day of the run, so prepare a new run for today");
        }

        var options = new RecoveryRunOptions(council, runDate, today, officer, chunkSize, OnlyYear: run.OnlyYear);
        await RecoveryRuns.MarkExecutingAsync(connection, null, council, runId);
        var plan = new RecoveryRunPlan(await RecoveryRunReading.SettingsAsync(connection, null, options, ct));
        var total = await RecoveryCaseReader.CountAccountsAsync(connection, null, council, 0, ct);
        var done = total - await RecoveryCaseReader.CountAccountsAsync(connection, null, council, run.LastAccountId, ct);
        var written = 0;

        // The next chunk is read on a second connection while this one is decided and written: reading is the
        // database's work and deciding is this process's, and chunks hold different accounts, so nothing one
        // writes is read by the next.
        await using var readConnection = await db.OpenAsync(ct);
        var pending = RecoveryCaseReader.LoadAsync(readConnection, null, council, runDate, run.LastAccountId, chunkSize, null, run.OnlyYear, ct);
        try
        {
            while (true)
            {
                var chunk = await pending;
                if (chunk.Accounts == 0)
                {
                    break;
                }

                pending = RecoveryCaseReader.LoadAsync(readConnection, null, council, runDate, chunk.LastAccountId, chunkSize, null, run.OnlyYear, ct);
                var decisions = await RecoveryRunReading.DecideAsync(connection, null, plan, chunk);
                var now = clock.GetCurrentInstant();
                await using (var tx = await connection.BeginTransactionAsync(ct))
                {
                    var count = await NoticeWriter.WriteAsync(connection, tx, plan.Settings, runId, decisions, now, ct);
                    await RecoveryRuns.AdvanceAsync(connection, tx, council, runId, chunk.LastAccountId, count);
                    await tx.CommitAsync(ct);
                    written += count;
                }

                done += chunk.Accounts;
                progress?.Report((done, total));
                ct.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            // A read still under way when the run stops is finished (or fails) before its connection closes.
            await pending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        // The run is marked executed and the officer's execution audited in one transaction.
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            var finished = clock.GetCurrentInstant();
            await RecoveryRuns.MarkExecutedAsync(connection, tx, council, runId, finished);
            await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "recovery-run", runId.ToString(CultureInfo.InvariantCulture),
                $"Executed the recovery run for {DateText.LongForm.Format(runDate)}: {written} notices and steps recorded", null, finished);
            await tx.CommitAsync(ct);
        }

        return plan.Report(runId, "executed", written) with { PreparedBy = run.PreparedBy, ApprovedBy = run.ApprovedBy };
    }
}
