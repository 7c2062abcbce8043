using System.Globalization;

namespace Reeve.Kernel;

/// <summary>
/// An amount of sterling in whole pence. Signed: a credit is negative on a debtor's account.
/// There is deliberately no conversion from decimal or double; amounts enter the system by parsing
/// text ("1234.50") or as pence, and rates are applied only through named rounding functions.
/// </summary>
public readonly record struct Money(long Pence) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public static Money FromPence(long pence) => new(pence);

    public static Money FromPounds(long pounds) => new(checked(pounds * 100));

    public bool IsZero => Pence == 0;
    public bool IsNegative => Pence < 0;
    public bool IsPositive => Pence > 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Pence + b.Pence));
    public static Money operator -(Money a, Money b) => new(checked(a.Pence - b.Pence));
    public static Money operator -(Money a) => new(checked(-a.Pence));
    public static bool operator <(Money a, Money b) => a.Pence < b.Pence;
    public static bool operator >(Money a, Money b) => a.Pence > b.Pence;
    public static bool operator <=(Money a, Money b) => a.Pence <= b.Pence;
    public static bool operator >=(Money a, Money b) => a.Pence >= b.Pence;

    public Money Abs() => new(Math.Abs(Pence));

    /// <summary>
    /// This amount <paramref name="times"/> over, exactly (no rounding: pence times a whole number are whole pence).
    /// There is no <c>*</c> operator on money, and no division: a share, rate or fraction of an amount goes through a
    /// named function in <see cref="Rounding"/> that says how it rounds.
    /// </summary>
    public Money Times(long times) => new(checked(Pence * times));

    public static Money Min(Money a, Money b) => a <= b ? a : b;

    public static Money Max(Money a, Money b) => a >= b ? a : b;

    public int CompareTo(Money other) => Pence.CompareTo(other.Pence);

    /// <summary>Pounds and pence with exactly two decimals and no separators: "-1234.50".</summary>
    public string ToPlainString() => Format(false);

    /// <summary>As an officer reads it: "£1,234.50", or "-£12.00" for a credit.</summary>
    public string ToDisplayString() => Format(true);

    // Whole pounds and pence by integer arithmetic (every bill's working formats dozens of amounts).
    private string Format(bool display)
    {
        var abs = Pence == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(Pence);
        var pounds = (abs / 100).ToString(display ? "#,##0" : "0", CultureInfo.InvariantCulture);
        var pence = (abs % 100).ToString("00", CultureInfo.InvariantCulture);
        return (Pence < 0 ? "-" : "") + (display ? "£" : "") + pounds + "." + pence;
    }

    public override string ToString() => ToPlainString();

    public static Money Sum(IEnumerable<Money> amounts)
    {
        long total = 0;
        foreach (var a in amounts)
        {
            total = checked(total + a.Pence);
        }

        return new Money(total);
    }
}
