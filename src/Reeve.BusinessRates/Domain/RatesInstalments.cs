using NodaTime;
using Reeve.Kernel;

namespace Reeve.BusinessRates.Domain;

/// <summary>
/// The statutory instalment scheme for rates: the Non-Domestic Rating (Collection and Enforcement) (Local Lists)
/// Regulations 1989 (SI 1989/1058) Sch 1 Part I. Ten monthly instalments or, if fewer, the whole months left in the
/// year after the notice is issued less one (para 1(2)); a notice issued from 1 January is paid in one sum. The first
/// falls due at least 14 days after issue, the rest monthly. Amounts follow the one pound-rounding rule in
/// <see cref="Rounding.WholePoundsWithBalancingFirstInstalment"/>; if any instalment would be under 50 pounds, fewer
/// instalments are required (para 3).
/// </summary>
public static class RatesInstalments
{
    public const string Source = "SI 1989/1058 Sch 1";

    public static readonly Money Minimum = Money.FromPounds(50);

    /// <summary>Instalments fall on the first of the month, the day most authorities bill on.</summary>
    public const int DayOfMonth = 1;

    public static IReadOnlyList<Instalment> Schedule(Money total, LocalDate issued, FinancialYear year, List<ExplanationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (total.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(total), "An instalment scheme needs a total of nil or more");
        }

        if (total.IsZero)
        {
            return [];
        }

        var earliest = issued.PlusDays(14);
        if (issued >= new LocalDate(year.StartYear + 1, 1, 1))
        {
            steps.Add(new ExplanationStep($"Issued on or after 1 January: one instalment, due {DateText.Iso.Format(earliest)}", total, Source + " para 1(1)"));
            return [new Instalment(earliest, total)];
        }

        if (earliest < year.FirstDay)
        {
            earliest = year.FirstDay;
        }

        var first = earliest.Day == DayOfMonth ? earliest : new LocalDate(earliest.Year, earliest.Month, DayOfMonth).PlusMonths(1);
        var monthsLeft = issued < year.FirstDay ? 12 : MonthsToMarch(issued.PlusMonths(1), year);
        var count = Math.Max(1, Math.Min(Math.Min(10, monthsLeft - 1), MonthsToMarch(first, year)));
        steps.Add(new ExplanationStep($"{count} monthly instalment{(count == 1 ? "" : "s")} from {DateText.Iso.Format(first)}", total, Source + " para 1(2)"));
        var amounts = Rounding.WholePoundsWithBalancingFirstInstalment(total, count);
        if (count > 1 && amounts.Any(a => a < Minimum))
        {
            count = total < Minimum + Minimum ? 1 : (int)Math.Min(count - 1, Rounding.WholePartsIn(total, Minimum));
            steps.Add(new ExplanationStep($"An instalment would be under {Minimum.ToDisplayString()}: {count} instalment{(count == 1 ? "" : "s")} instead", total, Source + " para 3"));
            amounts = Rounding.WholePoundsWithBalancingFirstInstalment(total, count);
        }

        return [.. amounts.Select((amount, i) => new Instalment(first.PlusMonths(i), amount))];
    }

    // Months from the month of `from` to March at the end of the year, both counted.
    private static int MonthsToMarch(LocalDate from, FinancialYear year) =>
        from > year.LastDay ? 0 : ((year.StartYear + 1 - from.Year) * 12) + 3 - from.Month + 1;
}
