using System.Data.Common;
using System.Globalization;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;

namespace Reeve.Recovery;

/// <summary>A prepared run is approved by a Team Leader or Manager other than the officer who prepared it.</summary>
public static class ApproveRecoveryRun
{
    public static async Task<Outcome<RecoveryRunSummary>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long runId, string officer, Instant now)
    {
        var run = await RecoveryRuns.GetAsync(connection, tx, council, runId);
        if (run is null)
        {
            return new Outcome<RecoveryRunSummary>.NotFound($"recovery run {runId}");
        }

        var approver = await OfficerStore.GetAsync(connection, officer, tx);
        if (approver is null || approver.Role is not (Role.TeamLeader or Role.Manager))
        {
            return new Outcome<RecoveryRunSummary>.Invalid("officer", $"Only a Team Leader or Manager may approve a recovery run; {officer} is {(approver is null ? "not an officer" : "a " + approver.Role.Title())}");
        }

        if (string.Equals(run.PreparedBy, officer, StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome<RecoveryRunSummary>.Invalid("officer", $"{officer} prepared run {runId}; another Team Leader must approve it");
        }

        if (run.Status != "prepared")
        {
            return new Outcome<RecoveryRunSummary>.Conflict($"Run {runId} is already {run.Status}");
        }

        await RecoveryRuns.ApproveAsync(connection, tx, council, runId, officer, now);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "recovery-run", runId.ToString(CultureInfo.InvariantCulture),
            $"Approved the recovery run for {DateText.LongForm.Format(run.RunDate)} prepared by {run.PreparedBy}", null, now);
        return run.ToSummary() with { Status = "approved", ApprovedBy = officer };
    }
}
