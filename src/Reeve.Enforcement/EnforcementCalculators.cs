using Reeve.Enforcement.Features.CalculateAttachmentDeduction;
using Reeve.Enforcement.Features.CalculateEnforcementFees;
using Reeve.Kernel.Calculators;

namespace Reeve.Enforcement;

/// <summary>The calculators this module offers, for the catalogue in Reeve.Calculators.</summary>
public static class EnforcementCalculators
{
    public static IEnumerable<ICalculator> All() => [new AttachmentOfEarningsCalculator(), new EnforcementFeesCalculator()];
}
