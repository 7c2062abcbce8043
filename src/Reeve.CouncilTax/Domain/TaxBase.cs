using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>How one dwelling stands for the council tax base return (CTB) on the two dates the return uses.</summary>
public sealed record TaxBaseDwelling(
    long Uprn,
    Band Band,
    bool DisabledReduction,
    string? ExemptionClass,
    int DiscountPercent,
    int PremiumPercent,
    int ReductionPercent,
    bool NoLiabilityRecorded);

/// <summary>One column of the return: a band (with "A entitled to disabled reduction" as its own column, ratio 5/9).</summary>
public sealed record TaxBaseColumn(
    string Label,
    int Ninths,
    int OnList,
    int Exempt,
    int Chargeable,
    int DisabledReductions,
    int SinglePersonDiscounts,
    int FiftyPercentDiscounts,
    int OtherDiscounts,
    int LongTermEmptyOrSecondHomePremiums,
    int WithReduction,
    decimal EquivalentDwellings,
    decimal BandDEquivalents,
    decimal ReductionBandDEquivalents)
{
    public decimal TaxBase => BandDEquivalents - ReductionBandDEquivalents;
}

/// <summary>
/// The council tax base (CTB) counts by band: dwellings on the valuation list on the list date, those exempt and
/// chargeable on the awards date, the discounts, premiums and disabled reductions in force then, and the band D
/// equivalents they make. The government's CTB notes ask for the list as at a day in September and the discounts,
/// exemptions and premiums as at the first Monday in October.
/// </summary>
public static class TaxBase
{
    public const string Source = "LGFA 1992 s33 and the Local Authorities (Calculation of Council Tax Base) (England) Regulations 2012 (SI 2012/2914); MHCLG Council Tax Base (CTB) notes for completion";

    /// <summary>
    /// Each chargeable dwelling counts as 1, less its discount, plus its premium, moved down one band when it has a
    /// disabled reduction (band A to the 5/9 column); its band D equivalent is that count times its band's ninths over
    /// nine. Council Tax Reduction is then shown in band D equivalents and taken off to give the tax base. Figures are
    /// kept to two decimal places, rounded half up at the end of each column.
    /// </summary>
    public static IReadOnlyList<TaxBaseColumn> Columns(IEnumerable<TaxBaseDwelling> dwellings)
    {
        var all = dwellings.ToList();
        var columns = new List<TaxBaseColumn>();
        var labels = new List<(string Label, int Ninths, Func<TaxBaseDwelling, bool> ListedHere, Func<TaxBaseDwelling, bool> ChargedHere)>
        {
            ("A entitled to disabled reduction", 5, _ => false, d => d.Band == Band.A && d.DisabledReduction),
        };
        foreach (var band in Enum.GetValues<Band>())
        {
            var b = band;
            labels.Add((b.ToString(), BandRatios.NinthsOf(b), d => d.Band == b,
                // A disabled reduction charges a dwelling as if it were one band lower (band H as G; band A is the 5/9 column).
                d => d.DisabledReduction ? b != Band.H && d.Band == b + 1 : d.Band == b));
        }

        foreach (var (label, ninths, listedHere, chargedHere) in labels)
        {
            var listed = all.Where(listedHere).ToList();
            var charged = all.Where(d => d.ExemptionClass is null && chargedHere(d)).ToList();
            var equivalent = charged.Sum(d => 1m - d.DiscountPercent / 100m + d.PremiumPercent / 100m);
            var bandD = charged.Sum(d => (1m - d.DiscountPercent / 100m + d.PremiumPercent / 100m) * ninths / 9m);
            var reduction = charged.Sum(d => (1m - d.DiscountPercent / 100m + d.PremiumPercent / 100m) * d.ReductionPercent / 100m * ninths / 9m);
            columns.Add(new TaxBaseColumn(
                label, ninths, listed.Count, listed.Count(d => d.ExemptionClass is not null), charged.Count,
                charged.Count(d => d.DisabledReduction), charged.Count(d => d.DiscountPercent == 25), charged.Count(d => d.DiscountPercent == 50),
                charged.Count(d => d.DiscountPercent is not 0 and not 25 and not 50), charged.Count(d => d.PremiumPercent > 0),
                charged.Count(d => d.ReductionPercent > 0), Round(equivalent), Round(bandD), Round(reduction)));
        }

        return columns;
    }

    /// <summary>The day in September the government's notes name for the valuation list: the second Wednesday (as for 2025).</summary>
    public static LocalDate DefaultListDate(int year) => NthWeekday(year, 9, IsoDayOfWeek.Wednesday, 2);

    /// <summary>The first Monday in October, the day discounts, exemptions and premiums are counted on.</summary>
    public static LocalDate DefaultAwardsDate(int year) => NthWeekday(year, 10, IsoDayOfWeek.Monday, 1);

    private static LocalDate NthWeekday(int year, int month, IsoDayOfWeek day, int n) =>
        new LocalDate(year, month, 1).With(DateAdjusters.NextOrSame(day)).PlusWeeks(n - 1);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
