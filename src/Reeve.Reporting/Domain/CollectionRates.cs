using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Reporting.Domain;

/// <summary>One month of a financial year's collection: the net debit and receipts for that year, cumulative to the month's end.</summary>
public sealed record CollectionMonth(YearMonth Month, LocalDate AsAt, Money Debit, Money Receipts)
{
    /// <summary>Receipts as a share of the net collectable debit, in basis points; null when nothing is yet charged.</summary>
    public int? RateBasisPoints => Shares.InBasisPoints(Receipts, Debit);
}

/// <summary>
/// The in-year collection rate, month by month: for financial year Y, the money received for Y (on or before the
/// month's last day, including payments in advance) over the net debit for Y charged by then. This is how councils
/// report in-year collection: receipts for the year over the net collectable debit for the year, with costs, write-offs
/// and arrears of earlier years left out.
/// </summary>
public static class CollectionRates
{
    /// <summary>
    /// The months of <paramref name="year"/> up to the one containing <paramref name="asAt"/> (all twelve when the year
    /// has ended), each cumulative to its last day, or to <paramref name="asAt"/> for the month that contains it.
    /// <paramref name="days"/> may hold other years' rows; only <paramref name="year"/>'s count.
    /// </summary>
    public static IReadOnlyList<CollectionMonth> ByMonth(FinancialYear year, IEnumerable<CollectionTotals.DayTotal> days, LocalDate asAt)
    {
        var ofYear = days.Where(d => d.Year == year && d.Day <= asAt).OrderBy(d => d.Day).ToList();
        var months = new List<CollectionMonth>(12);
        var debit = 0L;
        var receipts = 0L;
        var next = 0;
        for (var first = year.FirstDay; first <= year.LastDay && first <= asAt; first = first.PlusMonths(1))
        {
            var monthEnd = first.With(DateAdjusters.EndOfMonth);
            var cutOff = monthEnd < asAt ? monthEnd : asAt;
            while (next < ofYear.Count && ofYear[next].Day <= cutOff)
            {
                debit += ofYear[next].Debit.Pence;
                receipts += ofYear[next].Receipts.Pence;
                next++;
            }

            months.Add(new CollectionMonth(new YearMonth(first.Year, first.Month), cutOff, Money.FromPence(debit), Money.FromPence(receipts)));
        }

        return months;
    }
}
