using System.Diagnostics;

namespace Reeve.Bench;

/// <summary>Per-call timings summarised as officers' waits are: the mean, the median and the slow tail.</summary>
public sealed record LatencyFigures(int Calls, double MeanMs, double P50Ms, double P99Ms)
{
    /// <summary>The 95th percentile, for targets set on it (the home page's).</summary>
    public double P95Ms { get; init; }

    public static LatencyFigures From(long[] ticks)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ticks.Length);
        var ms = ticks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return new LatencyFigures(ms.Length, ms.Average(), NearestRank(ms, 0.50), NearestRank(ms, 0.99)) { P95Ms = NearestRank(ms, 0.95) };
    }

    // The nearest-rank percentile: the smallest value with at least p of the calls at or below it.
    private static double NearestRank(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
