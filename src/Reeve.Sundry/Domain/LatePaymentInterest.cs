using NodaTime;
using Reeve.Kernel;

namespace Reeve.Sundry.Domain;

/// <summary>A Bank Rate in force from a day (until the next change).</summary>
public sealed record BankRateChange(LocalDate From, int RateBasisPoints);

/// <summary>Bank Rate changes and the last day the list is known to be complete to (null: no limit, as for rates a caller gives).</summary>
public sealed record BankRateTable(IReadOnlyList<BankRateChange> Changes, LocalDate? KnownTo)
{
    /// <summary>The rate in force on a day: the last change on or before it; null when the day is outside what the table knows.</summary>
    public int? RateOn(LocalDate day)
    {
        if (KnownTo is { } last && day > last)
        {
            return null;
        }

        BankRateChange? inForce = null;
        foreach (var change in Changes.OrderBy(c => c.From))
        {
            if (change.From > day)
            {
                break;
            }

            inForce = change;
        }

        return inForce?.RateBasisPoints;
    }
}

public sealed record LatePaymentResult(
    LocalDate InterestFrom,
    LocalDate ReferenceDay,
    int ReferenceRateBasisPoints,
    int AnnualRateBasisPoints,
    int Days,
    Money Interest,
    Money DailyInterest,
    Money Compensation);

/// <summary>
/// Statutory interest and fixed compensation on a qualifying business-to-business debt under the Late Payment of
/// Commercial Debts (Interest) Act 1998. Not for debts owed by consumers (the Act applies only where both parties act
/// in the course of a business, s2(1)).
/// </summary>
public static class LatePaymentInterest
{
    /// <summary>Late Payment of Commercial Debts (Rate of Interest) (No. 3) Order 2002 (SI 2002/1675) art 4: 8% over the reference rate.</summary>
    public const int MarginBasisPoints = 800;

    /// <summary>
    /// SI 2002/1675 art 4: the reference rate is Bank Rate on 31 December for interest starting from 1 January to 30 June,
    /// and on 30 June for interest starting from 1 July to 31 December, immediately before the day interest starts.
    /// </summary>
    public static LocalDate ReferenceDay(LocalDate interestFrom) =>
        interestFrom.Month <= 6 ? new LocalDate(interestFrom.Year - 1, 12, 31) : new LocalDate(interestFrom.Year, 6, 30);

    /// <summary>s5A(2): 40.00 for a debt under 1,000.00; 70.00 under 10,000.00; 100.00 from 10,000.00.</summary>
    public static Money FixedCompensation(Money debt) =>
        debt < Money.FromPounds(1_000) ? Money.FromPounds(40)
        : debt < Money.FromPounds(10_000) ? Money.FromPounds(70)
        : Money.FromPounds(100);

    /// <summary>
    /// Interest runs from the day after the relevant date (s4(2)) to <paramref name="asAt"/> inclusive, simple, on a
    /// 365-day year, rounded half away from zero to the penny once. The reference rate is fixed for the debt.
    /// Returns null when the table does not cover the reference day.
    /// </summary>
    public static LatePaymentResult? Calculate(Money debt, LocalDate dueDate, LocalDate asAt, BankRateTable rates)
    {
        if (asAt <= dueDate)
        {
            throw new ArgumentOutOfRangeException(nameof(asAt), "Interest is worked out to a day after the due date");
        }

        var from = dueDate.PlusDays(1);
        var referenceDay = ReferenceDay(from);
        if (rates.RateOn(referenceDay) is not { } reference)
        {
            return null;
        }

        var annual = reference + MarginBasisPoints;
        var days = Period.Between(dueDate, asAt, PeriodUnits.Days).Days;
        var interest = Rounding.RoundHalfUpToPence(debt, (long)annual * days, 10_000L * 365);
        var daily = Rounding.RoundHalfUpToPence(debt, annual, 10_000L * 365);
        return new LatePaymentResult(from, referenceDay, reference, annual, days, interest, daily, FixedCompensation(debt));
    }
}
