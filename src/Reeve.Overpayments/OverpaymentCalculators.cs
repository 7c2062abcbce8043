using Reeve.Kernel.Calculators;
using Reeve.Overpayments.Features.CalculateDeaDeduction;

namespace Reeve.Overpayments;

/// <summary>The calculators this module offers, for the catalogue in Reeve.Calculators.</summary>
public static class OverpaymentCalculators
{
    public static IEnumerable<ICalculator> All() => [new DirectEarningsAttachmentCalculator()];
}
