using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>
/// The charge for one liable party, worked in the statutory order: band charge (s5), then the premium (ss11B,
/// 11C) or the discount (s11), then daily apportionment (s2), then Council Tax Reduction (s13A) last, never
/// taking the charge below zero. Pure: everything it needs is in the case.
/// </summary>
public static class CouncilTaxCharge
{
    public static ChargeResult Calculate(ChargeCase c)
    {
        if (!c.Year.Contains(c.Period.Start) || !c.Year.Contains(c.Period.End))
        {
            throw new ArgumentException("The period must lie within the financial year", nameof(c));
        }

        if (c.ReductionAmount.IsNegative || c.BandDCharge.IsNegative)
        {
            throw new ArgumentException("Band D charge and reduction cannot be negative", nameof(c));
        }

        var daysInYear = c.Year.DaysInYear;
        var daysLiable = Apportionment.DaysInclusive(c.Period.Start, c.Period.End);
        var band = BandRatios.AnnualCharge(c.BandDCharge, c.Band, c.DisabledBandReduction);
        var steps = new List<ExplanationStep>(band.Steps);

        if (c.ExemptionClass is { } exemption)
        {
            steps.Add(new($"Exempt dwelling, Class {exemption}: no council tax for {daysLiable} days", Money.Zero, $"{Sources.Exemption} Class {exemption}"));
            return new ChargeResult(band.Annual, daysLiable, daysInYear, Money.Zero, 0, Money.Zero, 0, Money.Zero, Money.Zero, Money.Zero, [], steps);
        }

        var gross = Apportionment.ForDays(band.Annual, daysLiable, daysInYear);
        var (segments, discountPercent) = c.Premium switch
        {
            null => (Discounted(c, band.Annual, daysInYear, steps, out var percent), percent),
            LongTermEmpty empty => (WithPremium(LongTermEmptyPremium.Segments(empty.EmptySince, c.Period, c.Year), band.Annual, daysInYear, LongTermEmptyPremium.SourceFor(c.Year), "Long-term empty premium", steps), 0),
            SecondHome home => (WithPremium([new PremiumSegment(c.Period.Start, c.Period.End, home.Percent)], band.Annual, daysInYear, Sources.SecondHomesPremium, "Second homes premium", steps), 0),
            _ => throw new ArgumentException("Unknown premium", nameof(c)),
        };

        var charged = Money.Sum(segments.Select(s => s.Charge));
        steps.Add(new($"Charge for {daysLiable} of {daysInYear} days before any reduction", charged, Sources.DailyApportionment));
        var reduction = Money.Min(c.ReductionAmount, charged);
        if (c.ReductionAmount.IsPositive)
        {
            var capped = reduction < c.ReductionAmount ? $" (of {c.ReductionAmount.ToDisplayString()} awarded; a reduction cannot take the charge below nil)" : "";
            steps.Add(new($"Council Tax Reduction taken off last{capped}", reduction, Sources.Reduction));
        }

        var net = charged - reduction;
        steps.Add(new("Net charge", net, Sources.NetCharge));
        var premiumPercent = c.Premium is null ? 0 : segments[^1].PremiumPercent;
        return new ChargeResult(
            band.Annual,
            daysLiable,
            daysInYear,
            gross,
            discountPercent,
            c.Premium is null ? gross - charged : Money.Zero,
            premiumPercent,
            c.Premium is null ? Money.Zero : charged - gross,
            reduction,
            net,
            segments,
            steps);
    }

    private static List<ChargedSegment> Discounted(ChargeCase c, Money annualBand, int daysInYear, List<ExplanationStep> steps, out int percent)
    {
        var decision = c.LocalDiscount is { } local
            ? new DiscountDecision(local.Percent, $"Prescribed class {local.Class}: the council's discount of {local.Percent}%", "LGFA 1992 s11A; Council Tax (Prescribed Classes of Dwellings) (England) Regulations 2003 (SI 2003/3011)")
            : Discounts.ForResidents(c.AdultResidents, c.DisregardedResidents);
        percent = decision.Percent;
        var annual = annualBand - Rounding.RoundHalfUpToPence(annualBand, decision.Percent, 100);
        steps.Add(new($"{decision.Reason}: annual amount", annual, decision.Source));
        var days = Apportionment.DaysInclusive(c.Period.Start, c.Period.End);
        var charge = Apportionment.ForDays(annual, days, daysInYear);
        steps.Add(new($"{Format(c.Period.Start)} to {Format(c.Period.End)}: {annual.ToDisplayString()} × {days} ÷ {daysInYear} days", charge, Sources.DailyApportionment));
        return [new ChargedSegment(c.Period.Start, c.Period.End, days, 0, annual, charge)];
    }

    private static List<ChargedSegment> WithPremium(IReadOnlyList<PremiumSegment> parts, Money annualBand, int daysInYear, string source, string name, List<ExplanationStep> steps)
    {
        steps.Add(new("A dwelling with a premium has no statutory discount", annualBand, source));
        var result = new List<ChargedSegment>();
        foreach (var part in parts)
        {
            var annual = annualBand + Rounding.RoundHalfUpToPence(annualBand, part.Percent, 100);
            var label = part.Percent == 0 ? $"{name} not yet due from {Format(part.From)}" : $"{name} {part.Percent}% from {Format(part.From)}";
            steps.Add(new($"{label}: annual amount", annual, source));
            var charge = Apportionment.ForDays(annual, part.Days, daysInYear);
            steps.Add(new($"{Format(part.From)} to {Format(part.To)}: {annual.ToDisplayString()} × {part.Days} ÷ {daysInYear} days", charge, Sources.DailyApportionment));
            result.Add(new ChargedSegment(part.From, part.To, part.Days, part.Percent, annual, charge));
        }

        return result;
    }

    private static string Format(LocalDate date) => DateText.FormatIso(date);
}
