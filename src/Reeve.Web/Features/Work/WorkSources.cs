using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.People;
using Reeve.Payments;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.Web.Features.Work;

/// <summary>
/// Every module's backfill of the work that was already waiting when the queue arrived, run at start-up after the
/// migrations: once per council and source (WorkBackfill records each), so later starts skip them.
/// </summary>
public static class WorkSources
{
    public static IReadOnlyList<IWorkBackfill> Backfills { get; } =
    [
        new SuspenseWork.Backfill(),
        new BacsWorkItems.Backfill(),
        new BankDebitWork.Backfill(),
        new ApprovalWork.RefundBackfill(),
        new ApprovalWork.ReversalBackfill(),
        new TraceWork.Backfill(),
        new BreathingSpaceEnds.Backfill(),
        new BrokenArrangementWork.Backfill(),
        new Reeve.CouncilTax.ReviewsDue.Backfill(),
        new Reeve.Enforcement.UnansweredRequestWork.Backfill(),
    ];

    public static async Task<IReadOnlyList<WorkBackfill.Done>> BackfillAsync(ReeveDatabase db, IClock clock, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var councils = (await CouncilStore.AllAsync(connection)).Select(c => c.Id).ToList();
        return await WorkBackfill.RunAsync(connection, councils, Backfills, UkTime.Today(clock), clock.GetCurrentInstant(), ct);
    }
}
