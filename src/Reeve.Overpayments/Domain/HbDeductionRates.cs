using NodaTime;
using Reeve.Kernel;

namespace Reeve.Overpayments.Domain;

/// <summary>
/// The maximum weekly deductions from ongoing Housing Benefit in force from <see cref="From"/> (HB Regs 2006, SI 2006/213, reg
/// 102(2)-(3); pension age SI 2006/214 reg 83): 5% of the personal allowance for a single claimant aged 25 or over, rounded up to
/// the next 5p, three times over (standard) or five times (fraud). <see cref="Status"/> says whether the figure was confirmed
/// against a published council rate or derived from the allowance by the formula.
/// </summary>
public sealed record HbDeductionRate(LocalDate From, Money PersonalAllowance, Money Standard, Money Fraud, string Status, string Source)
{
    /// <summary>
    /// 5% of the allowance, rounded up to the next multiple of 5p (reg 102(2)). 5% of P pence is P/20 pence, and the next multiple
    /// of 5p at or above it is 5p for every pound or part of a pound of the allowance: exact in integers, no rate to round.
    /// </summary>
    public Money FivePercent => Money.FromPence(checked((PersonalAllowance.Pence + 99) / 100 * 5));
}

/// <summary>The dated maximum weekly deductions; each row's figures must agree with its allowance by the reg 102 formula.</summary>
public sealed class HbDeductionRates
{
    private readonly IReadOnlyList<HbDeductionRate> _rates;

    public HbDeductionRates(IReadOnlyList<HbDeductionRate> rates)
    {
        foreach (var rate in rates)
        {
            if (rate.Standard != rate.FivePercent.Times(3) || rate.Fraud != rate.FivePercent.Times(5))
            {
                throw new InvalidOperationException(
                    $"The HB deduction rates from {rate.From} ({rate.Standard}, {rate.Fraud}) do not follow reg 102 from the allowance {rate.PersonalAllowance} (3 and 5 times {rate.FivePercent})");
            }
        }

        _rates = [.. rates.OrderBy(r => r.From)];
    }

    public IReadOnlyList<HbDeductionRate> All => _rates;

    /// <summary>The rates in force on <paramref name="day"/>, or null before the first row Reeve knows.</summary>
    public HbDeductionRate? InForceOn(LocalDate day) => _rates.LastOrDefault(r => r.From <= day);
}
