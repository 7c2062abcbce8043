using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>One period of a bill with the charge worked for it.</summary>
public sealed record BilledPeriod(LiabilityPeriod Period, ChargeResult Charge);

/// <summary>
/// What one set of liable parties owes for one dwelling for one financial year: the sum of the charges for each
/// period in which they were liable, each worked in the statutory order by <see cref="CouncilTaxCharge"/>.
/// </summary>
public sealed record YearBill(FinancialYear Year, Liability Liable, IReadOnlyList<BilledPeriod> Periods)
{
    public Money NetCharge => Money.Sum(Periods.Select(p => p.Charge.NetCharge));

    public IEnumerable<ExplanationStep> Explanation =>
        Periods.SelectMany(p => p.Charge.Explanation.Prepend(new ExplanationStep(
            $"{DateText.FormatLong(p.Period.From)} to {DateText.FormatLong(p.Period.To)}: {p.Period.Liable.How}, Band {p.Period.Band}",
            p.Charge.NetCharge, p.Period.Liable.Source)));
}

public static class YearBills
{
    /// <summary>Every liable set's bill for the year, in the order they first became liable.</summary>
    /// <param name="localDiscounts">The council's s11A percentage for each prescribed class this year (none set means 0%).</param>
    public static IReadOnlyList<YearBill> For(DwellingFacts facts, FinancialYear year, Money bandDCharge, IReadOnlyDictionary<string, int>? localDiscounts = null)
    {
        var bills = new List<YearBill>();
        foreach (var group in LiabilityTimeline.ForYear(facts, year).GroupBy(p => p.Liable.Key))
        {
            var periods = group.Select(p => new BilledPeriod(p, Charge(p, year, bandDCharge, localDiscounts))).ToList();
            bills.Add(new YearBill(year, group.First().Liable, periods));
        }

        return bills;
    }

    private static ChargeResult Charge(LiabilityPeriod p, FinancialYear year, Money bandDCharge, IReadOnlyDictionary<string, int>? localDiscounts)
    {
        var local = p.LocalDiscountClass is { } cls ? new LocalDiscount(cls, localDiscounts?.GetValueOrDefault(cls) ?? 0) : null;
        var chargeCase = new ChargeCase(year, bandDCharge, p.Band, new NodaTime.DateInterval(p.From, p.To), p.AdultResidents,
            p.DisregardedResidents, p.ExemptionClass, p.DisabledBandReduction, p.Premium, Money.Zero, local);
        var before = Charges.Get(chargeCase, static c => CouncilTaxCharge.Calculate(c));
        if ((p.ReductionPercent <= 0 && p.ReductionAnnualAmount.IsZero) || before.NetCharge.IsZero)
        {
            return before;
        }

        // The council's reduction scheme gives a percentage of the charge, a manual award an annual amount
        // apportioned by day; either way the reduction is taken off last and never below nil (s13A).
        var reduction = Rounding.RoundHalfUpToPence(before.NetCharge, p.ReductionPercent, 100)
                        + Apportionment.ForDays(p.ReductionAnnualAmount, before.DaysLiable, before.DaysInYear);
        return Charges.Get(chargeCase with { ReductionAmount = reduction }, static c => CouncilTaxCharge.Calculate(c));
    }

    // The charge is a pure function of its case; many dwellings share a case (see Memo).
    private static readonly Memo<ChargeCase, ChargeResult> Charges = new(100_000);
}
