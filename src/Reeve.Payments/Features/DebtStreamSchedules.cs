using Reeve.Ledger;

namespace Reeve.Payments;

/// <summary>What is due on accounts of every registered debt stream, as one SQL derived table (the debt-stream seam).</summary>
internal static class DebtStreamSchedules
{
    /// <summary>The registered streams' queries of one kind joined with <c>union all</c>, for use as a derived table.</summary>
    internal static string Union(Func<IDebtStream, string> query)
    {
        var streams = DebtStreams.All;
        if (streams.Count == 0)
        {
            throw new InvalidOperationException(
                "No debt stream is registered, so nothing is known to be due: the composition root registers each stream at start-up (for council tax, CouncilTaxModule.Register())");
        }

        return string.Join(" union all ", streams.Select(query));
    }
}
