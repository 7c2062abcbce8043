using System.Data.Common;
using Reeve.Kernel;

namespace Reeve.Recovery;

/// <summary>One run as an officer sees it: its counts and who prepared and approved it, with the notices it recorded.</summary>
public sealed record RecoveryRunView(RecoveryRunSummary Run, IReadOnlyList<RecoveryNotice> Notices);

public static class ViewRecoveryRun
{
    public static async Task<RecoveryRunView?> HandleAsync(DbConnection connection, CouncilId council, long runId, int mostNotices = 500) =>
        await RecoveryRuns.GetAsync(connection, null, council, runId) is { } run
            ? new RecoveryRunView(run.ToSummary(), await RecoveryNotices.ForRunAsync(connection, council, runId, mostNotices))
            : null;
}
