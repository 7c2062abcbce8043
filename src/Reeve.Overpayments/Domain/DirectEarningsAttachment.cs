using NodaTime;
using Reeve.Kernel;

namespace Reeve.Overpayments.Domain;

/// <summary>Which of the reg 20 tables a DEA uses: standard (reg 20(3)) or higher, after a conviction for the overpayment (reg 20(3A)-(3B)).</summary>
public enum DeaRate
{
    Standard = 1,
    Higher = 2,
}

/// <summary>How often the liable person is paid. SI 2013/384 reg 20 has a weekly and a monthly table; the employer converts other periods.</summary>
public enum DeaPayPeriod
{
    Weekly = 1,
    Monthly = 2,
}

public static class DeaCodes
{
    public static string Code(this DeaRate rate) => rate == DeaRate.Higher ? "higher" : "standard";

    public static DeaRate? RateFromCode(string? code) => code switch
    {
        "standard" => DeaRate.Standard,
        "higher" => DeaRate.Higher,
        _ => null,
    };

    public static string Code(this DeaPayPeriod period) => period == DeaPayPeriod.Monthly ? "monthly" : "weekly";

    public static DeaPayPeriod? PeriodFromCode(string? code) => code switch
    {
        "weekly" => DeaPayPeriod.Weekly,
        "monthly" => DeaPayPeriod.Monthly,
        _ => null,
    };

    /// <summary>The table reg 20 names for the rate and period: A and B standard, C and D higher.</summary>
    public static string Table(DeaRate rate, DeaPayPeriod period) => (rate, period) switch
    {
        (DeaRate.Standard, DeaPayPeriod.Weekly) => "Table A (weekly, standard rate)",
        (DeaRate.Standard, DeaPayPeriod.Monthly) => "Table B (monthly, standard rate)",
        (DeaRate.Higher, DeaPayPeriod.Weekly) => "Table C (weekly, higher rate)",
        _ => "Table D (monthly, higher rate)",
    };
}

/// <summary>
/// One band of a reg 20 table: net earnings exceeding <see cref="Over"/> and not exceeding <see cref="UpTo"/> (no limit when
/// null) are taken at <see cref="Percent"/> of the whole, in force from <see cref="From"/> to <see cref="To"/> (open when null).
/// </summary>
public sealed record DeaBand(DeaRate Rate, DeaPayPeriod Period, LocalDate From, LocalDate? To, Money Over, Money? UpTo, int Percent, string Source)
{
    public bool InForceOn(LocalDate day) => From <= day && (To is not { } to || day <= to);

    /// <summary>Zero earnings fall in the lowest band; otherwise "exceeding the lower figure but not exceeding the upper one".</summary>
    public bool Holds(Money net) => (net > Over || (net.IsZero && Over.IsZero)) && (UpTo is not { } top || net <= top);

    public string Describe() => UpTo is { } top
        ? Over.IsZero ? $"not exceeding {top.ToDisplayString()}" : $"exceeding {Over.ToDisplayString()} but not exceeding {top.ToDisplayString()}"
        : $"exceeding {Over.ToDisplayString()}";
}

/// <summary>What a DEA takes from one pay under reg 20, the band and the working, each step with its source.</summary>
public sealed record DeaDeduction(Money Deduction, int Percent, DeaBand Band, IReadOnlyList<ExplanationStep> Explanation);

/// <summary>
/// The reg 20 tables as dated rows. <see cref="For"/> is the one rule for "what does this DEA take from this pay", used by the
/// <c>direct-earnings-attachment</c> calculator and, later, by the DEA schedules alike.
/// </summary>
public sealed class DeaTable
{
    private readonly IReadOnlyList<DeaBand> _bands;

    public DeaTable(IReadOnlyList<DeaBand> bands)
    {
        // A gap or overlap would put a pay in no band or in two: a broken table is a broken build.
        foreach (var table in bands.GroupBy(b => (b.Rate, b.Period, b.From)))
        {
            var reached = Money.Zero;
            var ordered = table.OrderBy(b => b.Over).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var last = i == ordered.Count - 1;
                if (ordered[i].Over != reached || (ordered[i].UpTo is null) != last)
                {
                    throw new InvalidOperationException($"The {table.Key.Rate} {table.Key.Period} DEA table from {table.Key.From} has a gap or overlap at {ordered[i].Over}");
                }

                reached = ordered[i].UpTo ?? reached;
            }
        }

        _bands = bands;
    }

    public IReadOnlyList<DeaBand> Bands => _bands;

    /// <summary>The first day a table for <paramref name="rate"/> is in force; a pay before it has none.</summary>
    public LocalDate FirstInForce(DeaRate rate) => _bands.Where(b => b.Rate == rate).Min(b => b.From);

    /// <summary>The deduction from net earnings paid on <paramref name="payDate"/>, or null when no table for the rate is in force then.</summary>
    public DeaDeduction? For(DeaRate rate, DeaPayPeriod period, LocalDate payDate, Money net)
    {
        if (net.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(net), "Net earnings cannot be negative");
        }

        var band = _bands.FirstOrDefault(b => b.Rate == rate && b.Period == period && b.InForceOn(payDate) && b.Holds(net));
        if (band is null)
        {
            return null;
        }

        var deduction = Rounding.RoundHalfUpToPence(net, band.Percent, 100);
        var steps = new List<ExplanationStep>
        {
            new($"Net earnings for the {period.Code()} pay on {DateText.FormatIso(payDate)}", net,
                "SI 2013/384 reg 17 (net earnings: after income tax, primary Class 1 National Insurance and pension contributions)"),
            new(rate == DeaRate.Higher
                    ? "Higher rate: the liable person has been found guilty of an offence in respect of the overpayment"
                    : "Standard rate: no conviction in respect of the overpayment",
                net, rate == DeaRate.Higher ? "SI 2013/384 reg 20(3A)-(3B) (inserted by SI 2015/499)" : "SI 2013/384 reg 20(3)"),
            new($"{DeaCodes.Table(rate, period)}, net earnings {band.Describe()}: {band.Percent}% of the whole net earnings", deduction, band.Source),
            new("Deduction from this pay, to the nearest penny (halves away from zero; the Regulations prescribe no rounding)", deduction,
                "SI 2013/384 reg 20"),
        };
        return new DeaDeduction(deduction, band.Percent, band, steps);
    }
}
