using NodaTime;
using Reeve.Kernel;

namespace Reeve.Recovery.Domain;

/// <summary>
/// What has fallen due and what has been paid on a year's account by the end of any day. Payments meet instalments
/// in due-date order, so an instalment is paid exactly when the payments so far reach the instalments due up to
/// and including it (shared/contracts.md `recovery-timeline`).
/// </summary>
internal sealed class AccountPosition
{
    private readonly LocalDate[] _dueDates;
    private readonly long[] _dueRunning;
    private readonly LocalDate[] _paidDates;
    private readonly long[] _paidRunning;

    public AccountPosition(IEnumerable<Instalment> instalments, IEnumerable<Payment> payments)
    {
        var ordered = instalments.OrderBy(i => i.Due).ToArray();
        if (ordered.Length == 0)
        {
            throw new ArgumentException("A recovery case needs at least one instalment", nameof(instalments));
        }

        _dueDates = [.. ordered.Select(i => i.Due)];
        _dueRunning = RunningTotals(ordered.Select(i => i.Amount));
        var receipts = payments.OrderBy(p => p.Date).ToArray();
        _paidDates = [.. receipts.Select(p => p.Date)];
        _paidRunning = RunningTotals(receipts.Select(p => p.Amount));
        Total = Money.FromPence(_dueRunning[^1]);
    }

    public Money Total { get; }

    public LocalDate FirstDue => _dueDates[0];

    public LocalDate LastDue => _dueDates[^1];

    public Money DueBy(LocalDate day) => Money.FromPence(RunningTotalAt(_dueDates, _dueRunning, day));

    public Money PaidBy(LocalDate day) => Money.FromPence(RunningTotalAt(_paidDates, _paidRunning, day));

    /// <summary>What is due by the end of the day and not paid by then; never negative.</summary>
    public Money ArrearsAt(LocalDate day) => Money.Max(Money.Zero, DueBy(day) - PaidBy(day));

    /// <summary>The year's instalments less everything paid by the end of the day; never negative.</summary>
    public Money UnpaidBalanceAt(LocalDate day) => Money.Max(Money.Zero, Total - PaidBy(day));

    public bool AnyFallsDueOn(LocalDate day) => Array.BinarySearch(_dueDates, day) >= 0;

    /// <summary>The due date of the earliest instalment that the payments made by the end of the day do not cover.</summary>
    public LocalDate? EarliestUnpaidDue(LocalDate day)
    {
        var paid = PaidBy(day).Pence;
        var index = Array.FindIndex(_dueRunning, running => running > paid);
        return index < 0 ? null : _dueDates[index];
    }

    private static long[] RunningTotals(IEnumerable<Money> amounts)
    {
        var running = 0L;
        return [.. amounts.Select(a => running = checked(running + a.Pence))];
    }

    // Dates are sorted; the running total at a day is the one for the last entry dated on or before it.
    private static long RunningTotalAt(LocalDate[] dates, long[] running, LocalDate day)
    {
        int low = 0, high = dates.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (dates[middle] <= day)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low == 0 ? 0 : running[low - 1];
    }
}
