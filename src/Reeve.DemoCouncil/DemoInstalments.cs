using NodaTime;
using Reeve.Kernel;

namespace Reeve.DemoCouncil;

/// <summary>
/// A simple statutory-shaped instalment plan for demo bills: 10 monthly instalments when billed by 30 April,
/// otherwise one fewer than the whole months left (CTAE Regs 1992 Sch 1 para 2(3)), whole pounds with the
/// odd amount first (para 2(5)-(6)), the first due at least 14 days after the bill. The Council Tax module
/// brings the full scheme; the demo only needs believable dates and amounts.
/// </summary>
internal static class DemoInstalments
{
    public static IReadOnlyList<(LocalDate Due, Money Amount)> Plan(Money total, LocalDate issued, FinancialYear year, int dayOfMonth)
    {
        var first = issued.PlusDays(14);
        var due = new LocalDate(first.Year, first.Month, dayOfMonth);
        if (due < first)
        {
            due = due.PlusMonths(1);
        }

        if (due < year.FirstDay)
        {
            due = new LocalDate(year.StartYear, 4, dayOfMonth);
        }

        var count = issued < new LocalDate(year.StartYear, 5, 1) ? 10 : Math.Max(1, MonthsLeft(due, year) - 1);
        count = Math.Min(count, MonthsLeft(due, year));
        if (count <= 1 || total.Pence < 1000)
        {
            return [(due, total)];
        }

        var each = Rounding.RoundHalfUpToPence(total, 1, count);
        var pounds = Money.FromPounds(Rounding.RoundHalfUpToPence(each, 1, 100).Pence);
        var firstAmount = total - Money.FromPence(pounds.Pence * (count - 1));
        var plan = new List<(LocalDate, Money)> { (due, firstAmount) };
        for (var i = 1; i < count; i++)
        {
            plan.Add((due.PlusMonths(i), pounds));
        }

        return plan;
    }

    private static int MonthsLeft(LocalDate from, FinancialYear year) =>
        ((year.LastDay.Year - from.Year) * 12) + year.LastDay.Month - from.Month + 1;
}
