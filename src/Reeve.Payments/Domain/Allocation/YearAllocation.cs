using Reeve.Kernel;

namespace Reeve.Payments.Domain.Allocation;

/// <summary>One part of a payment and the financial year it pays.</summary>
public sealed record YearShare(FinancialYear Year, Money Amount);

/// <summary>
/// Which financial years a payment pays. A payer who names a year has the whole payment put to it (the
/// council tax practice of crediting the year and charge the payer specifies); otherwise the oldest year with
/// something outstanding is paid first, then the next. What is left over once every year is clear stays as a
/// credit on the newest year the account has (or the year of payment, if later), where the next bill will
/// take it. The shares always add up exactly to the payment.
/// </summary>
public static class YearAllocation
{
    public static IReadOnlyList<YearShare> Allocate(
        Money payment, IReadOnlyDictionary<FinancialYear, Money> outstanding, FinancialYear? namedYear, FinancialYear paidInYear)
    {
        if (!payment.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(payment), payment, "A payment to allocate must be more than zero");
        }

        if (namedYear is { } named && outstanding.ContainsKey(named))
        {
            return [new YearShare(named, payment)];
        }

        var shares = new List<YearShare>();
        var left = payment;
        foreach (var (year, owed) in outstanding.Where(y => y.Value.IsPositive).OrderBy(y => y.Key))
        {
            if (!left.IsPositive)
            {
                break;
            }

            var share = Money.Min(left, owed);
            shares.Add(new YearShare(year, share));
            left -= share;
        }

        if (left.IsPositive)
        {
            var newest = outstanding.Count == 0 ? paidInYear : outstanding.Keys.Max();
            var creditYear = newest > paidInYear ? newest : paidInYear;
            var index = shares.FindIndex(s => s.Year == creditYear);
            if (index >= 0)
            {
                shares[index] = shares[index] with { Amount = shares[index].Amount + left };
            }
            else
            {
                shares.Add(new YearShare(creditYear, left));
            }
        }

        return shares;
    }
}
