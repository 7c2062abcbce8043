using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>A step in the long-term empty premium: from this many whole years empty, this percentage.</summary>
public sealed record EmptyPremiumTier(int YearsEmpty, int Percent);

/// <summary>Part of a period charged at one premium percentage.</summary>
public sealed record PremiumSegment(LocalDate From, LocalDate To, int Percent)
{
    public int Days => Apportionment.DaysInclusive(From, To);
}

/// <summary>
/// The long-term empty premium in England (LGFA 1992 s11B) as the law stood for each financial year, at the
/// maximum the council may determine. A dwelling is long-term empty once it has been unoccupied and substantially
/// unfurnished for the threshold period; the clock follows the dwelling, not the owner.
/// </summary>
public static class LongTermEmptyPremium
{
    /// <summary>
    /// 2013/14 to 2018/19: up to 50% after 2 years (s11B as inserted by LGFA 2012 s11). 2019/20: 100% after
    /// 2 years; 2020/21 adds 200% after 5 years; from 2021/22 also 300% after 10 years (Rating (Property in
    /// Common Occupation) and Council Tax (Empty Dwellings) Act 2018 s2). From 2024/25 the first threshold is
    /// 1 year (Levelling-up and Regeneration Act 2023 s79).
    /// </summary>
    public static IReadOnlyList<EmptyPremiumTier> TiersFor(FinancialYear year) => year.StartYear switch
    {
        < 2013 => [],
        <= 2018 => [new(2, 50)],
        2019 => [new(2, 100)],
        2020 => [new(2, 100), new(5, 200)],
        <= 2023 => [new(2, 100), new(5, 200), new(10, 300)],
        _ => [new(1, 100), new(5, 200), new(10, 300)],
    };

    public static string SourceFor(FinancialYear year) => year.StartYear switch
    {
        <= 2018 => "LGFA 1992 s11B(1) (inserted by LGFA 2012 s11)",
        <= 2023 => "LGFA 1992 s11B(1) as amended by the Rating (Property in Common Occupation) and Council Tax (Empty Dwellings) Act 2018 s2",
        _ => "LGFA 1992 s11B(1) and (8) as amended by the Levelling-up and Regeneration Act 2023 s79 (1 year threshold from 1 April 2024)",
    };

    /// <summary>
    /// The percentage on each day of the period. It steps up on the anniversary of <paramref name="emptySince"/>
    /// that reaches each threshold, so a period can hold several segments. An anniversary of 29 February falls
    /// on 28 February in a common year.
    /// </summary>
    public static IReadOnlyList<PremiumSegment> Segments(LocalDate emptySince, DateInterval period, FinancialYear year)
    {
        var changes = TiersFor(year)
            .Select(t => (Day: emptySince.PlusYears(t.YearsEmpty), t.Percent))
            .ToList();

        int PercentOn(LocalDate day) => changes.Where(c => c.Day <= day).Select(c => c.Percent).DefaultIfEmpty(0).Max();

        var segments = new List<PremiumSegment>();
        var start = period.Start;
        foreach (var change in changes.Where(c => c.Day > period.Start && c.Day <= period.End).OrderBy(c => c.Day))
        {
            segments.Add(new PremiumSegment(start, change.Day.PlusDays(-1), PercentOn(start)));
            start = change.Day;
        }

        segments.Add(new PremiumSegment(start, period.End, PercentOn(start)));
        return segments;
    }
}

/// <summary>
/// The second homes premium in England: a dwelling with no resident that is substantially furnished, up to 100%,
/// from 1 April 2025 (LGFA 1992 s11C, inserted by the Levelling-up and Regeneration Act 2023 s80).
/// </summary>
public static class SecondHomesPremium
{
    public const int FirstYear = 2025;
    public const int MaximumPercent = 100;

    public static bool InForce(FinancialYear year) => year.StartYear >= FirstYear;
}
