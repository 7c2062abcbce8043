using System.Data.Common;
using Reeve.Kernel;

namespace Reeve.Recovery;

/// <summary>
/// One run as an officer sees it: who prepared and approved it, its notices and steps by kind with their totals,
/// and one page of the notices themselves.
/// </summary>
public sealed record RecoveryRunView(RecoveryRunSummary Run, IReadOnlyList<StepTotal> Totals, ResultPage<RecoveryNotice> Notices);

public static class ViewRecoveryRun
{
    public const int PageSize = 50;

    /// <summary>The run, with page <paramref name="pageNumber"/> of its notices (only those of <paramref name="step"/> when given).</summary>
    public static async Task<RecoveryRunView?> HandleAsync(
        DbConnection connection, CouncilId council, long runId, string? step = null, int pageNumber = 1, int pageSize = PageSize) =>
        await RecoveryRuns.GetAsync(connection, null, council, runId) is { } run
            ? new RecoveryRunView(
                run.ToSummary(),
                await RecoveryNotices.TotalsForRunAsync(connection, council, runId),
                await RecoveryNotices.ForRunPageAsync(connection, council, runId, step, pageNumber, pageSize))
            : null;
}
