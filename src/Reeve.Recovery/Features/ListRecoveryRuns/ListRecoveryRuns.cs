using System.Data.Common;
using Reeve.Kernel;

namespace Reeve.Recovery;

/// <summary>The recovery runs, newest first.</summary>
public static class ListRecoveryRuns
{
    public static Task<IReadOnlyList<RecoveryRunSummary>> HandleAsync(DbConnection connection, CouncilId council, int most = 50) =>
        RecoveryRuns.LatestAsync(connection, council, most);
}
