using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Reporting.Domain;

/// <summary>One quarter's receipts for the quarterly return (QRC4): for the year itself, for earlier years, and the year to date.</summary>
public sealed record ReceiptsQuarter(int Quarter, LocalDate From, LocalDate To, Money ForTheYear, Money ForEarlierYears, Money ForLaterYears,
    Money YearToDateForTheYear, Money YearToDateForEarlierYears)
{
    public Money Total => ForTheYear + ForEarlierYears + ForLaterYears;
}

/// <summary>
/// The receipts a council reports each quarter to government on the Quarterly Return of Council Taxes and Non-Domestic
/// Rates (QRC4): money received in the quarter, net of refunds and reversed payments, split between the financial year
/// the return is for and earlier years (arrears), with the cumulative year to date. Money received in the quarter for a
/// later year (paid in advance) is shown apart.
/// </summary>
public static class QuarterlyReceipts
{
    /// <summary>The four quarters of <paramref name="year"/> that have begun by <paramref name="asAt"/>, the last one cut at <paramref name="asAt"/>.</summary>
    public static IReadOnlyList<ReceiptsQuarter> For(FinancialYear year, IEnumerable<CollectionTotals.DayTotal> days, LocalDate asAt)
    {
        var all = days.Where(d => year.Contains(d.Day)).ToList();
        var quarters = new List<ReceiptsQuarter>(4);
        long ytdYear = 0, ytdEarlier = 0;
        for (var q = 0; q < 4; q++)
        {
            var from = year.FirstDay.PlusMonths(3 * q);
            if (from > asAt)
            {
                break;
            }

            var end = from.PlusMonths(3).PlusDays(-1);
            var to = end < asAt ? end : asAt;
            var inQuarter = all.Where(d => d.Day >= from && d.Day <= to).ToList();
            var forYear = inQuarter.Where(d => d.Year == year).Sum(d => d.Receipts.Pence);
            var earlier = inQuarter.Where(d => d.Year < year).Sum(d => d.Receipts.Pence);
            var later = inQuarter.Where(d => d.Year > year).Sum(d => d.Receipts.Pence);
            ytdYear += forYear;
            ytdEarlier += earlier;
            quarters.Add(new ReceiptsQuarter(q + 1, from, to, Money.FromPence(forYear), Money.FromPence(earlier), Money.FromPence(later),
                Money.FromPence(ytdYear), Money.FromPence(ytdEarlier)));
        }

        return quarters;
    }
}
