using System.Globalization;

namespace Reeve.Kernel;

/// <summary>
/// The change from one amount to another as a percentage, in tenths of a per cent: what a demand notice states for
/// each authority's council tax against last year (SI 2011/3038, Sch 1), and what an officer sees for the same
/// figures on screen. One rule for both, so the screen and the bill never disagree by a tenth: one decimal place,
/// halves away from zero (the same direction as <see cref="Rounding.RoundHalfUpToPence"/>); the regulations set no
/// rounding of their own. Worked in integers: no floating point near the figures.
/// </summary>
public readonly record struct PercentChange(long Tenths)
{
    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/>, or null where nothing was charged before.</summary>
    public static PercentChange? Between(Money before, Money after)
    {
        if (before.IsZero)
        {
            return null;
        }

        var numerator = ((Int128)after.Pence - before.Pence) * 1000;
        var denominator = (Int128)before.Pence;
        if (denominator < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        var (quotient, remainder) = Int128.DivRem(numerator, denominator);
        if (Int128.Abs(remainder) * 2 >= denominator)
        {
            quotient += numerator < 0 ? -1 : 1;
        }

        return new PercentChange((long)quotient);
    }

    public bool IsZero => Tenths == 0;

    public bool IsIncrease => Tenths > 0;

    /// <summary>The size of the change without its sign, "3.4".</summary>
    public string Magnitude() => (Math.Abs(Tenths) / 10).ToString(CultureInfo.InvariantCulture) + "." + (Math.Abs(Tenths) % 10).ToString(CultureInfo.InvariantCulture);

    /// <summary>"3.4%", or "-3.4%" for a fall.</summary>
    public override string ToString() => (Tenths < 0 ? "-" : "") + Magnitude() + "%";
}
