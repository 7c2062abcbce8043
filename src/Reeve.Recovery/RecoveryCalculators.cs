using Reeve.Kernel.Calculators;
using Reeve.Recovery.Features.CalculateTimeline;

namespace Reeve.Recovery;

/// <summary>The calculators this module offers, for the catalogue in Reeve.Calculators.</summary>
public static class RecoveryCalculators
{
    public static IEnumerable<ICalculator> All() => [new RecoveryTimelineCalculator()];
}
