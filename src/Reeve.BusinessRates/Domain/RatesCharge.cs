using NodaTime;
using Reeve.Kernel;

namespace Reeve.BusinessRates.Domain;

/// <summary>
/// The facts the rates for one hereditament depend on, for a period within one financial year. The ratepayer's
/// circumstances (charity, the small business conditions, retail use) are facts an officer has established; the
/// rateable value test and the figures are applied here.
/// </summary>
public sealed record RatesCase(
    FinancialYear Year,
    long RateableValuePounds,
    DateInterval Period,
    bool Occupied,
    bool RetailHospitalityLeisure = false,
    bool Charity = false,
    bool SmallBusinessRateRelief = false,
    LocalDate? EmptySince = null,
    bool Industrial = false);

public enum ReliefKind
{
    EmptyProperty,
    Charity,
    SmallBusiness,
    RetailHospitalityLeisure,
}

public static class ReliefKinds
{
    public static string Code(this ReliefKind kind) => kind switch
    {
        ReliefKind.EmptyProperty => "empty-property",
        ReliefKind.Charity => "charity",
        ReliefKind.SmallBusiness => "small-business",
        ReliefKind.RetailHospitalityLeisure => "retail-hospitality-leisure",
    };
}

/// <param name="Percent">The percentage as shown: exact where whole, otherwise rounded for display only.</param>
public sealed record Relief(ReliefKind Kind, int Percent, Money Amount);

public sealed record RatesResult(
    string MultiplierCode,
    long MultiplierTenths,
    int Days,
    int DaysInYear,
    Money GrossRates,
    IReadOnlyList<Relief> Reliefs,
    Money NetRates,
    IReadOnlyList<ExplanationStep> Explanation);

/// <summary>
/// The rates for one hereditament for a period of days within one financial year: rateable value times the
/// multiplier that applies, apportioned by day (LGFA 1988 s43(4) occupied, s45(4) unoccupied: A x B / C for each
/// chargeable day), then the reliefs in statutory order, each rounded to the penny once. Every figure comes from
/// <see cref="RatesFigures"/>, in force on the first day of the period.
/// </summary>
public static class RatesCharge
{
    public static RatesResult Calculate(RatesCase c, RatesFigures figures)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(figures);
        if (!c.Year.Contains(c.Period.Start) || !c.Year.Contains(c.Period.End))
        {
            throw new ArgumentException($"The period {c.Period} is not within the financial year {c.Year}", nameof(c));
        }

        if (c.RateableValuePounds < 0)
        {
            throw new ArgumentException("A rateable value is never negative", nameof(c));
        }

        var on = c.Period.Start;
        var steps = new List<ExplanationStep>();
        var (code, multiplier) = Multiplier(c, figures, on);
        var days = c.Period.Length;
        var daysInYear = c.Year.DaysInYear;
        // RV in pounds x multiplier in tenths of a penny is tenths of a penny; a tenth more in the denominator gives pence.
        var yearly = Money.FromPence(checked(c.RateableValuePounds * multiplier.Value));
        var chargeSection = c.Occupied ? "LGFA 1988 s43(4)" : "LGFA 1988 s45(4)";
        var gross = Rounding.RoundHalfUpToPence(yearly, days, 10L * daysInYear);
        steps.Add(new ExplanationStep(
            $"Rateable value {c.RateableValuePounds:N0} x {Describe(code)} multiplier {MultiplierText.Pence(multiplier.Value)}p ({multiplier.Source})",
            Rounding.RoundHalfUpToPence(yearly, 1, 10), chargeSection));
        if (days != daysInYear)
        {
            steps.Add(new ExplanationStep($"For {days} of the {daysInYear} days of {c.Year} ({DateText.Iso.Format(c.Period.Start)} to {DateText.Iso.Format(c.Period.End)})", gross, chargeSection + ": A x B / C for each chargeable day"));
        }

        var reliefs = new List<Relief>();
        if (!c.Occupied)
        {
            EmptyProperty(c, figures, yearly, daysInYear, reliefs, steps);
        }
        else
        {
            if (c.Charity)
            {
                var percent = figures.Whole("charity-relief:percent", on);
                Add(reliefs, steps, ReliefKind.Charity, (int)percent.Value, Rounding.RoundHalfUpToPence(gross, percent.Value, 100), $"Mandatory charitable relief {percent.Value}%", percent.Source);
            }
            else if (c.SmallBusinessRateRelief)
            {
                SmallBusiness(c, figures, gross, reliefs, steps);
            }

            if (c.RetailHospitalityLeisure && figures.Find("rhl-relief:percent", on) is not null)
            {
                var percent = figures.Whole("rhl-relief:percent", on);
                var left = gross - Money.Sum(reliefs.Select(r => r.Amount));
                Add(reliefs, steps, ReliefKind.RetailHospitalityLeisure, (int)percent.Value, Rounding.RoundHalfUpToPence(left, percent.Value, 100), $"Retail, Hospitality and Leisure relief {percent.Value}% of the rates left after the reliefs above", percent.Source);
            }
        }

        var net = gross - Money.Sum(reliefs.Select(r => r.Amount));
        steps.Add(new ExplanationStep("Rates payable", net, chargeSection));
        return new RatesResult(code, multiplier.Value, days, daysInYear, gross, reliefs, net, steps);
    }

    /// <summary>
    /// Which multiplier applies. 2023/24: the small business multiplier below the threshold for an occupied
    /// hereditament without charitable relief, otherwise the standard one. 2024/25 and 2025/26 (Non-Domestic Rating
    /// Act 2023): the small business multiplier for every hereditament below the threshold. From 2026/27 five
    /// multipliers: high-value from its threshold for every hereditament; below it, the RHL multipliers for an
    /// occupied hereditament wholly or mainly used for retail, hospitality or leisure, and the national ones for the rest.
    /// </summary>
    public static (string Code, FigureValue Tenths) Multiplier(RatesCase c, RatesFigures figures, LocalDate on)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(figures);
        var small = c.RateableValuePounds < figures.Whole("small-multiplier:rv-below", on).Value;
        string code;
        if (figures.Has("high-value:rv-from", on))
        {
            var rhl = c.Occupied && c.RetailHospitalityLeisure;
            code = c.RateableValuePounds >= figures.Whole("high-value:rv-from", on).Value ? "high-value"
                : rhl ? (small ? "small-business-rhl" : "standard-rhl")
                : small ? "national-small-business" : "national-standard";
        }
        else
        {
            var onlyOccupiedWithoutRelief = figures.Whole("small-multiplier:occupied-without-relief-only", on).Value == 1;
            code = small && (!onlyOccupiedWithoutRelief || (c.Occupied && !c.Charity)) ? "small-business" : "standard";
        }

        return (code, figures.MultiplierTenths(code, on));
    }

    public static string Describe(string multiplierCode) => multiplierCode.Replace("rhl", "RHL", StringComparison.Ordinal).Replace('-', ' ');

    // SI 2017/102 art 3: full relief up to the lower threshold; above it the relief is 100 x (1 - 1/E) per cent with
    // E = 3,000 / (RV - 12,000) to three decimal places (here rounded half up), nothing from the upper threshold.
    // The relief amount uses the unrounded percentage; the percentage shown is rounded for display only.
    private static void SmallBusiness(RatesCase c, RatesFigures figures, Money gross, List<Relief> reliefs, List<ExplanationStep> steps)
    {
        var on = c.Period.Start;
        var full = figures.Whole("small-business-relief:full-up-to", on);
        var none = figures.Whole("small-business-relief:none-from", on);
        var rv = c.RateableValuePounds;
        if (rv >= none.Value)
        {
            steps.Add(new ExplanationStep($"No small business rate relief: rateable value {rv:N0} is {none.Value:N0} or more", Money.Zero, none.Source));
            return;
        }

        if (rv <= full.Value)
        {
            Add(reliefs, steps, ReliefKind.SmallBusiness, 100, gross, $"Small business rate relief 100%: rateable value {rv:N0} is {full.Value:N0} or less", full.Source);
            return;
        }

        var span = figures.Whole("small-business-relief:taper-span", on);
        // E in thousandths, rounded half up to three decimal places.
        var eThousandths = DivideHalfUp(span.Value * 1000, rv - full.Value);
        var amount = Rounding.RoundHalfUpToPence(gross, eThousandths - 1000, eThousandths);
        var percent = (int)DivideHalfUp(100 * (eThousandths - 1000), eThousandths);
        if (amount.IsZero)
        {
            steps.Add(new ExplanationStep($"No small business rate relief: the taper gives nothing at rateable value {rv:N0}", Money.Zero, span.Source));
            return;
        }

        Add(reliefs, steps, ReliefKind.SmallBusiness, percent,
            amount, $"Small business rate relief {percent}% (tapered: E = {span.Value:N0} / ({rv:N0} - {full.Value:N0}) = {eThousandths / 1000}.{eThousandths % 1000:000}, relief 1 - 1/E)", span.Source);
    }

    // SI 2008/386 reg 4: an unoccupied hereditament is not liable while it has been empty for a continuous period of
    // up to 3 months (6 for a qualifying industrial hereditament), nor at all while its rateable value is under 2,900.
    private static void EmptyProperty(RatesCase c, RatesFigures figures, Money yearly, int daysInYear, List<Relief> reliefs, List<ExplanationStep> steps)
    {
        var on = c.Period.Start;
        var exemptBelow = figures.Whole("empty:exempt-rv-below", on);
        int exemptDays;
        string why;
        string source;
        if (c.RateableValuePounds < exemptBelow.Value)
        {
            exemptDays = c.Period.Length;
            why = $"rateable value {c.RateableValuePounds:N0} is under {exemptBelow.Value:N0}";
            source = exemptBelow.Source;
        }
        else
        {
            var months = figures.Whole(c.Industrial ? "empty:industrial-free-months" : "empty:free-months", on);
            var since = c.EmptySince ?? c.Period.Start;
            var liableFrom = since.PlusMonths((int)months.Value);
            exemptDays = liableFrom <= c.Period.Start ? 0
                : Period.Between(c.Period.Start, liableFrom > c.Period.End ? c.Period.End.PlusDays(1) : liableFrom, PeriodUnits.Days).Days;
            why = $"empty since {DateText.Iso.Format(since)}: not liable for the first {months.Value} months, to {DateText.Iso.Format(liableFrom.PlusDays(-1))}";
            source = months.Source;
        }

        if (exemptDays > 0)
        {
            Add(reliefs, steps, ReliefKind.EmptyProperty, 100, Rounding.RoundHalfUpToPence(yearly, exemptDays, 10L * daysInYear), $"Unoccupied, {exemptDays} day{(exemptDays == 1 ? "" : "s")} not liable: {why}", source);
        }
    }

    // A whole-number quotient of two positive counts, halves up (not money: E in thousandths, a percentage shown).
    private static long DivideHalfUp(long numerator, long denominator) => (2 * numerator + denominator) / (2 * denominator);

    private static void Add(List<Relief> reliefs, List<ExplanationStep> steps, ReliefKind kind, int percent, Money amount, string step, string source)
    {
        reliefs.Add(new Relief(kind, percent, amount));
        steps.Add(new ExplanationStep(step, -amount, source));
    }
}
