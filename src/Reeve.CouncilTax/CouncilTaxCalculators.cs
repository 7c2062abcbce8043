using Reeve.CouncilTax.Features.CalculateCharge;
using Reeve.CouncilTax.Features.PlanInstalments;
using Reeve.Kernel.Calculators;

namespace Reeve.CouncilTax;

/// <summary>The calculators this module offers, for the catalogue in Reeve.Calculators.</summary>
public static class CouncilTaxCalculators
{
    public static IEnumerable<ICalculator> All() => [new CouncilTaxCalculator(), new InstalmentsCalculator()];
}
