using Reeve.Kernel.Calculators;
using Reeve.Sundry.Features.CalculateCourtFee;
using Reeve.Sundry.Features.CalculateLatePaymentInterest;

namespace Reeve.Sundry;

/// <summary>The calculators this module offers, for the catalogue in Reeve.Calculators.</summary>
public static class SundryCalculators
{
    public static IEnumerable<ICalculator> All() => [new LatePaymentInterestCalculator(), new CourtFeeCalculator()];
}
