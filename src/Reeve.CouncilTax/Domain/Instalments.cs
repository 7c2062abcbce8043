using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>Whose instalment scheme applies: council tax (CTAE Regs 1992 Sch 1) or business rates (SI 1989/1058 Sch 1).</summary>
public enum InstalmentRegime
{
    CouncilTax,
    BusinessRates,
}

public sealed record InstalmentPlan(IReadOnlyList<Instalment> Instalments, IReadOnlyList<ExplanationStep> Explanation);

/// <summary>
/// The statutory instalment schemes. Council tax: the Council Tax (Administration and Enforcement) Regulations
/// 1992 (SI 1992/613) Sch 1 Part I, with the right to 12 instalments (reg 21(1A)-(1D), Sch 1 para 2(3A), from
/// 1 April 2013). Business rates: the Non-Domestic Rating (Collection and Enforcement) (Local Lists) Regulations
/// 1989 (SI 1989/1058) Sch 1 Part I, whose rules have the same shape with a £50 minimum instead of £5.
/// </summary>
public static class Instalments
{
    /// <summary>The first instalment falls due no sooner than this many days after the notice is issued.</summary>
    public const int DaysFromIssueToFirstInstalment = 14;

    public static Money Minimum(InstalmentRegime regime) => regime == InstalmentRegime.CouncilTax ? Money.FromPounds(5) : Money.FromPounds(50);

    /// <summary>
    /// The number of instalments the scheme gives for a notice issued on <paramref name="issued"/>, before the
    /// months available after the 14-day gap are counted.
    /// Council tax, 10 (para 2(3)): 10 if issued before the year or by 30 April; from 1 May to 31 December one
    /// less than the whole months left in the year after the issue; from 1 January a single instalment (para 2
    /// applies only to notices issued by 31 December, para 2(1)).
    /// Council tax, 12 on request (para 2(3A)): 12 if issued before the year or by 15 April; from 16 April the
    /// whole months left after the issue.
    /// Business rates (SI 1989/1058 Sch 1 para 1(2), para 2): 10 or, if less, the whole months left after the issue
    /// less one; 1 January to 31 March a single instalment. The right to 12 is modelled on the council tax rule.
    /// </summary>
    public static int StatutoryCount(InstalmentRegime regime, LocalDate issued, FinancialYear year, bool twelve)
    {
        // A notice issued in the last quarter of the year, or after it (a backdated bill for a past year), is
        // payable as one sum: the monthly scheme applies only to notices issued by 31 December (Sch 1 para 2(1)),
        // and a past year's amount falls due 14 days after issue (CTAE Regs 1992 reg 20(3)).
        if (issued >= new LocalDate(year.StartYear + 1, 1, 1))
        {
            return 1;
        }

        var monthsLeft = WholeMonthsLeftAfter(issued, year);
        if (twelve)
        {
            return issued <= new LocalDate(year.StartYear, 4, 15) ? 12 : monthsLeft;
        }

        return regime switch
        {
            InstalmentRegime.CouncilTax => issued <= new LocalDate(year.StartYear, 4, 30) ? 10 : monthsLeft - 1,
            InstalmentRegime.BusinessRates => Math.Min(10, monthsLeft - 1),
            _ => throw new ArgumentOutOfRangeException(nameof(regime)),
        };
    }

    /// <summary>Whole calendar months left in the year after the day of issue (12 when issued before the year).</summary>
    public static int WholeMonthsLeftAfter(LocalDate issued, FinancialYear year) =>
        issued < year.FirstDay ? 12 : MonthsFrom(issued.PlusMonths(1), year);

    /// <summary>
    /// CTAE Regs Sch 1 para 2(5)-(6): if total ÷ n is a whole number of pounds every instalment is that; otherwise
    /// instalments 2..n are total ÷ n rounded to the nearest pound (halves up) and the first takes the difference.
    /// </summary>
    public static IReadOnlyList<Money> WholePoundsWithBalancingFirstInstalment(Money total, int count) =>
        Rounding.WholePoundsWithBalancingFirstInstalment(total, count);

    /// <summary>
    /// Amounts for <paramref name="count"/> instalments, merging where one would fall below the minimum.
    /// Council tax: if only the first is under £5, the second is added to it (para 2(7)); if any is still under
    /// £5, a total under £10 is one instalment and otherwise there are as many instalments as whole £5s in the
    /// total (para 3), worked again under para 2(5)-(7). Business rates: the same with £50 (SI 1989/1058 Sch 1
    /// para 3), which has no equivalent of para 2(7).
    /// </summary>
    public static IReadOnlyList<Money> Amounts(InstalmentRegime regime, Money total, int count, List<ExplanationStep> steps)
    {
        if (total.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(total), "An instalment scheme needs a total of nil or more");
        }

        if (total.IsZero)
        {
            return [];
        }

        var minimum = Minimum(regime);
        var amounts = Balanced(regime, total, count, steps);
        if (amounts.Count > 1 && amounts.Any(a => a < minimum))
        {
            var source = regime == InstalmentRegime.CouncilTax ? "CTAE Regs 1992 Sch 1 para 3(1)" : "SI 1989/1058 Sch 1 para 3";
            var fewer = total < minimum + minimum ? 1 : (int)Math.Min(count - 1, Rounding.WholePartsIn(total, minimum));
            steps.Add(new($"An instalment would be under {minimum.ToDisplayString()}: {fewer} instalment{(fewer == 1 ? "" : "s")} instead", total, source));
            amounts = Balanced(regime, total, fewer, steps);
        }

        return amounts;
    }

    private static List<Money> Balanced(InstalmentRegime regime, Money total, int count, List<ExplanationStep> steps)
    {
        var amounts = WholePoundsWithBalancingFirstInstalment(total, count).ToList();
        var minimum = Minimum(regime);
        if (regime == InstalmentRegime.CouncilTax && amounts.Count > 1 && amounts[0] < minimum && amounts.Skip(1).All(a => a >= minimum))
        {
            amounts[0] += amounts[1];
            amounts.RemoveAt(1);
            steps.Add(new($"First instalment would be under {minimum.ToDisplayString()}: the second is added to it", amounts[0], "CTAE Regs 1992 Sch 1 para 2(7)"));
        }

        return amounts;
    }

    /// <summary>
    /// The first day on <paramref name="dayOfMonth"/> (or the month's last day, in a shorter month) that is at least
    /// 14 days after issue and not before the year begins.
    /// </summary>
    public static LocalDate FirstDueDate(LocalDate issued, FinancialYear year, int dayOfMonth)
    {
        var earliest = issued.PlusDays(DaysFromIssueToFirstInstalment);
        if (earliest < year.FirstDay)
        {
            earliest = year.FirstDay;
        }

        var candidate = OnDay(earliest.Year, earliest.Month, dayOfMonth);
        return candidate >= earliest ? candidate : OnDay(earliest.PlusMonths(1).Year, earliest.PlusMonths(1).Month, dayOfMonth);
    }

    /// <summary>Due dates in uninterrupted months from <paramref name="first"/>, each on <paramref name="dayOfMonth"/> (para 2(4)).</summary>
    public static IReadOnlyList<LocalDate> MonthlyDueDates(LocalDate first, int dayOfMonth, int count)
    {
        var dates = new List<LocalDate> { first };
        for (var i = 1; i < count; i++)
        {
            var month = first.PlusMonths(i);
            dates.Add(OnDay(month.Year, month.Month, dayOfMonth));
        }

        return dates;
    }

    /// <summary>Months from the month of <paramref name="from"/> to March at the end of the year, both included.</summary>
    public static int MonthsFrom(LocalDate from, FinancialYear year) =>
        ((year.LastDay.Year - from.Year) * 12) + year.LastDay.Month - from.Month + 1;

    /// <summary>
    /// The statutory schedule for a notice issued on <paramref name="issued"/>. <paramref name="requested"/> of 12
    /// is the liable person's right to 12 instalments (reg 21(1A)); a request for fewer than the scheme gives is
    /// honoured. The count is then limited to the months left between the first due date and 31 March, since all
    /// instalments fall in the year (para 2(4)): a 12-instalment request issued on 10 April therefore gives 11.
    /// </summary>
    public static InstalmentPlan Plan(InstalmentRegime regime, Money total, LocalDate issued, FinancialYear year, int? requested, int dayOfMonth)
    {
        var steps = new List<ExplanationStep>();
        var twelve = requested == 12;
        var scheme = StatutoryCount(regime, issued, year, twelve);
        var schemeSource = regime == InstalmentRegime.CouncilTax
            ? (twelve ? "CTAE Regs 1992 reg 21(1A) and Sch 1 para 2(3A)" : "CTAE Regs 1992 Sch 1 para 2(1) and 2(3)")
            : "Non-Domestic Rating (Collection and Enforcement) (Local Lists) Regulations 1989 (SI 1989/1058) Sch 1 paras 1(2) and 2";
        steps.Add(new($"Notice issued {DateText.FormatIso(issued)}: the scheme gives {scheme} instalment{(scheme == 1 ? "" : "s")}", total, schemeSource));

        var count = scheme;
        if (requested is { } asked && asked < scheme)
        {
            count = asked;
            steps.Add(new($"The liable person asked for {asked}", total, "CTAE Regs 1992 reg 21 (payment by agreement)"));
        }

        var first = FirstDueDate(issued, year, dayOfMonth);
        if (first > year.LastDay || scheme == 1)
        {
            var due = first <= year.LastDay ? first : issued.PlusDays(DaysFromIssueToFirstInstalment);
            steps.Add(new($"Single instalment due {DateText.FormatIso(due)}", total, schemeSource));
            return new InstalmentPlan(total.IsZero ? [] : [new Instalment(due, total)], steps);
        }

        var months = MonthsFrom(first, year);
        if (count > months)
        {
            steps.Add(new($"First instalment due {DateText.FormatIso(first)}, at least 14 days after issue: {months} months remain, so {months} instalments", total, "CTAE Regs 1992 Sch 1 para 2(4) (months within the year) and reg 21"));
            count = months;
        }

        return Schedule(regime, total, first, dayOfMonth, count, steps);
    }

    /// <summary>A schedule on given dates: <paramref name="count"/> instalments from <paramref name="first"/>, amounts by the statutory rule.</summary>
    public static InstalmentPlan Schedule(InstalmentRegime regime, Money total, LocalDate first, int dayOfMonth, int count, List<ExplanationStep> steps)
    {
        var amounts = Amounts(regime, total, count, steps);
        var dates = MonthlyDueDates(first, dayOfMonth, amounts.Count);
        var instalments = dates.Zip(amounts, (due, amount) => new Instalment(due, amount)).ToList();
        if (instalments.Count > 0)
        {
            var rule = instalments.Count == 1 || instalments[0].Amount == instalments[1].Amount
                ? $"{instalments.Count} instalment{(instalments.Count == 1 ? "" : "s")} of {instalments[0].Amount.ToDisplayString()}"
                : $"First instalment {instalments[0].Amount.ToDisplayString()}, then {instalments.Count - 1} of {instalments[1].Amount.ToDisplayString()} (whole pounds; the first takes the difference)";
            steps.Add(new(rule, total, regime == InstalmentRegime.CouncilTax ? "CTAE Regs 1992 Sch 1 para 2(5)-(6)" : "SI 1989/1058 Sch 1 para 1(4)-(5)"));
        }

        return new InstalmentPlan(instalments, steps);
    }

    private static LocalDate OnDay(int year, int month, int dayOfMonth) =>
        new(year, month, Math.Min(dayOfMonth, CalendarSystem.Iso.GetDaysInMonth(year, month)));
}
