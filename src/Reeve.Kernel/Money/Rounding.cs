namespace Reeve.Kernel;

/// <summary>
/// Every multiplication of money by a rate or fraction goes through here, so each rounding rule has a
/// name and a test. Calculations use integer arithmetic on pence: no floating point anywhere near money.
/// </summary>
public static class Rounding
{
    /// <summary>
    /// amount × numerator ÷ denominator, rounded to the nearest penny with halves away from zero.
    /// Used for band ratios (LGFA 1992 s5), daily apportionment (s2) and percentage discounts (s11).
    /// </summary>
    public static Money RoundHalfUpToPence(Money amount, long numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "Denominator must be positive");
        }

        var product = (Int128)amount.Pence * numerator;
        var quotient = Int128.DivRem(product, denominator);
        var result = quotient.Quotient;
        var twiceRemainder = Int128.Abs(quotient.Remainder) * 2;
        if (twiceRemainder >= denominator)
        {
            result += product < 0 ? -1 : 1;
        }

        return Money.FromPence((long)result);
    }

    /// <summary>
    /// The statutory instalment split, the one rule for every scheme of instalments Reeve bills (council tax: CTAE Regs
    /// 1992 Sch 1 para 2(5)-(6); business rates: SI 1989/1058 Sch 1 para 1(4)-(5)): if the total divides into
    /// <paramref name="count"/> whole pounds, every instalment is that; otherwise instalments 2..n are total ÷ n
    /// rounded to the nearest pound (halves up) and the first takes the difference, so they add up to the total.
    /// </summary>
    public static IReadOnlyList<Money> WholePoundsWithBalancingFirstInstalment(Money total, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "At least one instalment is needed");
        }

        var each = Money.FromPounds(RoundHalfUpToPence(total, 1, checked(100L * count)).Pence);
        var amounts = new Money[count];
        Array.Fill(amounts, each);
        amounts[0] = total - each.Times(count - 1);
        return amounts;
    }

    /// <summary>
    /// amount × numerator ÷ denominator, with any fraction of a penny dropped (towards zero). For an amount someone is
    /// asked to pay out of what they can afford, so rounding never asks for more: a monthly offer as a weekly one.
    /// </summary>
    public static Money RoundTowardZeroToPence(Money amount, long numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "Denominator must be positive");
        }

        return Money.FromPence((long)((Int128)amount.Pence * numerator / denominator));
    }

    /// <summary>How many whole <paramref name="part"/>s there are in <paramref name="whole"/> (a count, the rest dropped): "as many £5 instalments as fit".</summary>
    public static long WholePartsIn(Money whole, Money part) =>
        part.IsPositive ? whole.Pence / part.Pence : throw new ArgumentOutOfRangeException(nameof(part), "A part must be more than nothing");

    /// <summary>
    /// Splits a whole into parts in proportion to weights so that the parts add up exactly to the whole
    /// (largest remainder method; ties go to the earliest part).
    /// </summary>
    public static IReadOnlyList<Money> SplitProportionally(Money whole, IReadOnlyList<long> weights)
    {
        if (weights.Count == 0)
        {
            throw new ArgumentException("At least one weight is needed", nameof(weights));
        }

        var totalWeight = weights.Sum();
        if (totalWeight <= 0 || weights.Any(w => w < 0))
        {
            throw new ArgumentException("Weights must be non-negative and not all zero", nameof(weights));
        }

        var sign = whole.Pence < 0 ? -1 : 1;
        var abs = Math.Abs(whole.Pence);
        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        long allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = (Int128)abs * weights[i];
            parts[i] = (long)(product / totalWeight);
            remainders[i] = product % totalWeight;
            allocated += parts[i];
        }

        var left = abs - allocated;
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i))
        {
            if (left == 0)
            {
                break;
            }

            parts[i]++;
            left--;
        }

        return parts.Select(p => Money.FromPence(sign * p)).ToArray();
    }
}
