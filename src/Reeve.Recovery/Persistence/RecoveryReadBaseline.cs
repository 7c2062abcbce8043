using Reeve.Kernel;
using Reeve.Persistence;
using NodaTime;

namespace Reeve.Recovery;

/// <summary>
/// The baseline `reeve bench recovery` measures the run against: every account's rows read exactly as a run reads
/// them, and nothing else (no deciding, no writing). Not a use case; it lives here so the benchmark reads through the
/// same reader as the run.
/// </summary>
public static class RecoveryReadBaseline
{
    /// <summary>Reads every chunk as the run would and returns the number of rows read.</summary>
    public static async Task<long> ReadEveryAccountAsync(ReeveDatabase db, CouncilId council, LocalDate runDate, int chunkSize, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var after = 0L;
        var rows = 0L;
        while (true)
        {
            var chunk = await RecoveryCaseReader.LoadAsync(connection, null, council, runDate, after, chunkSize, null, null, ct);
            if (chunk.Accounts == 0)
            {
                return rows;
            }

            rows += chunk.Accounts + chunk.Years.Sum(y => (long)y.Instalments.Count + y.Payments.Count + y.Holds.Count + y.Notices.Count);
            after = chunk.LastAccountId;
        }
    }
}
