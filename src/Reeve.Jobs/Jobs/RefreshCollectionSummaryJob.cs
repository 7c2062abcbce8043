using Reeve.Ledger;

namespace Reeve.Jobs;

/// <summary>
/// Folds the ledger's new entries into the collection dashboard's summary every ten minutes (decision 0059), so the
/// dashboard sums only the entries of the last few minutes live. The figures are exact whether it runs or not; a run
/// again, or two at once, folds nothing twice.
/// </summary>
internal sealed class RefreshCollectionSummaryJob : IScheduledJob
{
    public JobDefinition Definition { get; } = new("refresh-collection-summary", "Bring the collection dashboard's summary up to date", "0 0/10 * * * ?", "every 10 minutes");

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct) =>
        await Councils.EachAsync(context, async council =>
        {
            await using var connection = await context.Db.OpenAsync(ct);
            var r = await CollectionSummary.RefreshAsync(connection, council, ct);
            return r.Entries == 0 ? null : $"{Councils.Plural((int)Math.Min(r.Entries, int.MaxValue), "ledger entry", "ledger entries")} added to the summary.";
        }, "The summary was up to date.", ct);
}
