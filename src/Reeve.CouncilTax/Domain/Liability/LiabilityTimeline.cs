using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>
/// A stretch of days in one financial year over which nothing that decides the charge changes: the same liable
/// parties, band, residents, disregards, exemption, reduction, premium and reductions.
/// </summary>
public sealed record LiabilityPeriod(
    LocalDate From,
    LocalDate To,
    Liability Liable,
    Band Band,
    int AdultResidents,
    int DisregardedResidents,
    string? ExemptionClass,
    bool DisabledBandReduction,
    Premium? Premium,
    int ReductionPercent,
    Money ReductionAnnualAmount,
    string? LocalDiscountClass = null)
{
    /// <summary>True when the two periods charge the same way and can be one period.</summary>
    public bool SameTermsAs(LiabilityPeriod other) =>
        Liable.Key == other.Liable.Key && Band == other.Band && AdultResidents == other.AdultResidents &&
        DisregardedResidents == other.DisregardedResidents && ExemptionClass == other.ExemptionClass &&
        DisabledBandReduction == other.DisabledBandReduction && Equals(Premium, other.Premium) &&
        ReductionPercent == other.ReductionPercent && ReductionAnnualAmount == other.ReductionAnnualAmount && LocalDiscountClass == other.LocalDiscountClass && Liable.How == other.Liable.How;
}

/// <summary>
/// Works out, for a dwelling and a financial year, who was liable on each day and on what terms (LGFA 1992 s2:
/// liability is decided day by day, the position at the end of the day counting for the whole day). Rather than
/// visit every day it visits each stretch between the dates on which any fact starts or stops.
/// </summary>
public static class LiabilityTimeline
{
    public static IReadOnlyList<LiabilityPeriod> ForYear(DwellingFacts facts, FinancialYear year)
    {
        var boundaries = Boundaries(facts, year);
        var periods = new List<LiabilityPeriod>();
        for (var i = 0; i < boundaries.Count; i++)
        {
            var from = boundaries[i];
            var to = i + 1 < boundaries.Count ? boundaries[i + 1].PlusDays(-1) : year.LastDay;
            var period = On(facts, from, to);
            if (period is null)
            {
                continue;
            }

            if (periods.Count > 0 && periods[^1].To.PlusDays(1) == from && periods[^1].SameTermsAs(period))
            {
                periods[^1] = periods[^1] with { To = to };
            }
            else
            {
                periods.Add(period);
            }
        }

        return periods;
    }

    private static LiabilityPeriod? On(DwellingFacts facts, LocalDate from, LocalDate to)
    {
        var liable = LiableParties.OnDay(facts, from);
        if (liable is null)
        {
            return null;
        }

        var band = facts.Bands.Where(b => b.EffectiveFrom <= from).OrderBy(b => b.EffectiveFrom).LastOrDefault()
                   ?? throw new InvalidOperationException($"Dwelling {facts.Uprn} has no band on {DateText.Iso.Format(from)}");
        var residents = facts.Residents.Where(r => Periods.Covers(r.From, r.To, from)).Select(r => r.PartyId).Distinct().ToList();
        var disregarded = facts.Disregards.Where(d => Periods.Covers(d.From, d.To, from) && residents.Contains(d.PartyId))
            .Select(d => d.PartyId).Distinct().Count();
        var exemption = facts.Exemptions.FirstOrDefault(e => Periods.Covers(e.From, e.To, from))?.Class;
        var disabled = facts.DisabledReductions.Any(d => Periods.Covers(d.From, d.To, from));
        var premium = residents.Count == 0 ? facts.Premiums.FirstOrDefault(p => Periods.Covers(p.From, p.To, from))?.Premium : null;
        var awards = facts.Reductions.Where(r => Periods.Covers(r.From, r.To, from) && liable.Parties.Contains(r.PartyId)).ToList();
        var reduction = awards.Select(r => r.Percent).DefaultIfEmpty(0).Max();
        var amount = Money.Sum(awards.Select(r => r.AnnualAmount ?? Money.Zero));
        var local = residents.Count == 0 ? facts.LocalDiscountClasses.FirstOrDefault(l => Periods.Covers(l.From, l.To, from))?.Class : null;
        return new LiabilityPeriod(from, to, liable, band.Band, residents.Count, disregarded, exemption, disabled, premium, reduction, amount, local);
    }

    private static List<LocalDate> Boundaries(DwellingFacts facts, FinancialYear year)
    {
        var dates = new SortedSet<LocalDate> { year.FirstDay };
        void Add(LocalDate from, LocalDate? to)
        {
            if (year.Contains(from))
            {
                dates.Add(from);
            }

            if (to is { } end && year.Contains(end.PlusDays(1)))
            {
                dates.Add(end.PlusDays(1));
            }
        }

        var spans = facts.Bands.Select(x => (x.EffectiveFrom, (LocalDate?)null))
            .Concat(facts.Residents.Select(x => (x.From, x.To)))
            .Concat(facts.Disregards.Select(x => (x.From, x.To)))
            .Concat(facts.Owners.Select(x => (x.From, x.To)))
            .Concat(facts.Exemptions.Select(x => (x.From, x.To)))
            .Concat(facts.OwnerLiable.Select(x => (x.From, x.To)))
            .Concat(facts.DisabledReductions.Select(x => (x.From, x.To)))
            .Concat(facts.Premiums.Select(x => (x.From, x.To)))
            .Concat(facts.LocalDiscountClasses.Select(x => (x.From, x.To)))
            .Concat(facts.Reductions.Select(x => (x.From, x.To)));
        foreach (var (from, to) in spans)
        {
            Add(from, to);
        }

        return [.. dates];
    }
}
