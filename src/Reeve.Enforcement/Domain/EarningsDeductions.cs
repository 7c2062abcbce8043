using NodaTime;
using Reeve.Kernel;

namespace Reeve.Enforcement.Domain;

/// <summary>How often the debtor is paid: each has its own table in CTAE Regs 1992 Schedule 4 (reg 38(1)(a)-(c)).</summary>
public enum PayPeriod
{
    Weekly = 1,
    Monthly = 2,
    Daily = 3,
}

public static class PayPeriods
{
    public static string Code(this PayPeriod period) => period switch
    {
        PayPeriod.Weekly => "weekly",
        PayPeriod.Monthly => "monthly",
        PayPeriod.Daily => "daily",
    };

    public static PayPeriod? FromCode(string? code) => code switch
    {
        "weekly" => PayPeriod.Weekly,
        "monthly" => PayPeriod.Monthly,
        "daily" => PayPeriod.Daily,
        _ => null,
    };

    /// <summary>The Schedule 4 table for the period: A weekly, B monthly, C daily.</summary>
    public static string Table(this PayPeriod period) => period switch
    {
        PayPeriod.Weekly => "Table A (weekly)",
        PayPeriod.Monthly => "Table B (monthly)",
        PayPeriod.Daily => "Table C (daily)",
    };
}

/// <summary>
/// One row of a Schedule 4 table: net earnings exceeding <see cref="Over"/> and not exceeding <see cref="UpTo"/> (no limit when
/// null) are taken at <see cref="Percent"/>; in the top band <see cref="Percent"/> applies to the first <see cref="Over"/> and
/// <see cref="RemainderPercent"/> to the rest. In force from <see cref="From"/> to <see cref="To"/> (open when null). A row that is
/// not <see cref="Applied"/> is a reading of the law Reeve keeps and names but does not apply (the weekly boundary of SI 2006/3395
/// as made).
/// </summary>
public sealed record DeductionBand(
    PayPeriod Period, LocalDate From, LocalDate? To, Money Over, Money? UpTo, int Percent, int? RemainderPercent, bool Applied, string Source)
{
    public bool InForceOn(LocalDate day) => From <= day && (To is not { } to || day <= to);

    public bool Holds(Money net) => net > Over && (UpTo is not { } top || net <= top);

    public bool IsTop => UpTo is null;

    public string Describe() => UpTo is { } top
        ? Over.IsZero ? $"not exceeding {top.ToDisplayString()}" : $"exceeding {Over.ToDisplayString()} but not exceeding {top.ToDisplayString()}"
        : $"exceeding {Over.ToDisplayString()}";
}

/// <summary>The deduction from one pay, the band it came from and the working, each step with its source.</summary>
public sealed record EarningsDeduction(Money Deduction, int Percent, int? RemainderPercent, DeductionBand Band, IReadOnlyList<ExplanationStep> Explanation);

/// <summary>
/// Schedule 4 to the CTAE Regs 1992 as dated rows. <see cref="For"/> is the one rule for "what does this order take from this
/// pay", used by the <c>attachment-of-earnings</c> calculator and by making an order alike.
/// </summary>
public sealed class DeductionTable
{
    private readonly IReadOnlyList<DeductionBand> _bands;

    public DeductionTable(IReadOnlyList<DeductionBand> bands)
    {
        _bands = bands;
        // A table with a gap or an overlap on some day would make a pay fall in no band or two: refuse it as a broken build.
        foreach (var group in bands.Where(b => b.Applied).GroupBy(b => (b.Period, b.From)))
        {
            var ordered = group.OrderBy(b => b.Over).ToList();
            var expected = Money.Zero;
            for (var i = 0; i < ordered.Count; i++)
            {
                if (ordered[i].Over != expected || (ordered[i].IsTop != (i == ordered.Count - 1)))
                {
                    throw new InvalidOperationException($"The {group.Key.Period} deduction table from {group.Key.From} has a gap or overlap at {ordered[i].Over}");
                }

                expected = ordered[i].UpTo ?? expected;
            }
        }
    }

    public IReadOnlyList<DeductionBand> Bands => _bands;

    /// <summary>The first day any table is in force; a pay before it has no table.</summary>
    public LocalDate EarliestKnown => _bands.Min(b => b.From);

    /// <summary>The deduction from net earnings paid on <paramref name="payDate"/>, or null when no table is in force then.</summary>
    public EarningsDeduction? For(PayPeriod period, LocalDate payDate, Money net)
    {
        if (net.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(net), "Net earnings cannot be negative");
        }

        var inForce = _bands.Where(b => b.Period == period && b.InForceOn(payDate)).ToList();
        var band = inForce.Where(b => b.Applied).FirstOrDefault(b => b.Holds(net) || (net.IsZero && b.Over.IsZero));
        if (band is null)
        {
            return null;
        }

        var deduction = Take(band, net);
        var steps = new List<ExplanationStep>
        {
            new($"Net earnings for the {period.Code()} pay on {DateText.FormatIso(payDate)}", net,
                "CTAE Regs 1992 (SI 1992/613) reg 32(1) (net earnings: after income tax, primary Class 1 National Insurance and pension contributions)"),
        };
        if (band.RemainderPercent is { } rest)
        {
            var top = band.Over;
            steps.Add(new($"{period.Table()}, net earnings {band.Describe()}: {band.Percent}% of the first {top.ToDisplayString()}",
                Rounding.RoundHalfUpToPence(top, band.Percent, 100), $"CTAE Regs 1992 reg 38(1) and {band.Source}"));
            steps.Add(new($"and {rest}% of the remaining {(net - top).ToDisplayString()}",
                Rounding.RoundHalfUpToPence(net - top, rest, 100), $"CTAE Regs 1992 reg 38(1) and {band.Source}"));
        }
        else
        {
            steps.Add(new($"{period.Table()}, net earnings {band.Describe()}: {band.Percent}% of the net earnings", deduction,
                $"CTAE Regs 1992 reg 38(1) and {band.Source}"));
        }

        steps.Add(new("Deduction from this pay, to the nearest penny (halves away from zero; the Regulations prescribe no rounding)", deduction,
            "CTAE Regs 1992 reg 38(1)"));

        // The weekly boundary that SI 2006/3395 as made and the revised text disagree on: say which applies, and what the other gives.
        var other = inForce.Where(b => !b.Applied).FirstOrDefault(b => b.Holds(net));
        if (other is not null && (other.Percent != band.Percent || other.RemainderPercent != band.RemainderPercent))
        {
            steps.Add(new(
                $"Not applied: {other.Source} puts these earnings in the band {other.Describe()} at {other.Percent}%, which would take this sum; " +
                $"Reeve applies the revised text in force ({band.Source})",
                Take(other, net), other.Source));
        }

        return new EarningsDeduction(deduction, band.Percent, band.RemainderPercent, band, steps);
    }

    // The band's percentage of the whole net earnings; in the top band, its percentage of the first part and the remainder
    // percentage of the rest, summed exactly and rounded once.
    private static Money Take(DeductionBand band, Money net) => band.RemainderPercent is { } rest
        ? Rounding.RoundHalfUpToPence(Money.FromPence(checked((band.Over.Pence * band.Percent) + ((net - band.Over).Pence * rest))), 1, 100)
        : Rounding.RoundHalfUpToPence(net, band.Percent, 100);
}
