using NodaTime;
using Reeve.Kernel;

namespace Reeve.Enforcement.Domain;

/// <summary>
/// The stages of enforcement other than under a High Court writ (Taking Control of Goods (Fees) Regulations 2014, SI 2014/1,
/// reg 5(1) and the Schedule, Table 1), in the order a case passes through them: every case starts at the compliance stage;
/// the enforcement stage begins with the first attendance at the premises; the sale or disposal stage with the first
/// attendance to remove or sell goods.
/// </summary>
public enum FeeStage
{
    Compliance = 1,
    Enforcement = 2,
    Sale = 3,
}

public static class FeeStages
{
    public static string Code(this FeeStage stage) => stage switch
    {
        FeeStage.Compliance => "compliance",
        FeeStage.Enforcement => "enforcement",
        FeeStage.Sale => "sale",
    };

    public static FeeStage? FromCode(string? code) => code switch
    {
        "compliance" => FeeStage.Compliance,
        "enforcement" => FeeStage.Enforcement,
        "sale" => FeeStage.Sale,
        _ => null,
    };
}

/// <summary>
/// One stage's fee, in force from <see cref="From"/> to <see cref="To"/> (open when null): <see cref="Fixed"/> plus
/// <see cref="PercentBasisPoints"/> (hundredths of a per cent) of the part of the sum to be recovered over <see cref="Threshold"/>.
/// </summary>
public sealed record StageFee(FeeStage Stage, LocalDate From, LocalDate? To, Money Fixed, int PercentBasisPoints, Money? Threshold, string Source)
{
    public bool InForceOn(LocalDate day) => From <= day && (To is not { } to || day <= to);
}

public sealed record StageFeeAmount(FeeStage Stage, Money Amount);

public sealed record EnforcementFeeResult(IReadOnlyList<StageFeeAmount> Fees, Money Total, IReadOnlyList<ExplanationStep> Explanation);

/// <summary>The fees an enforcement agent may recover for the stages reached, under the table in force on the day.</summary>
public sealed class FeeTable(IReadOnlyList<StageFee> rows)
{
    public IReadOnlyList<StageFee> Rows => rows;

    public LocalDate EarliestKnown => rows.Min(r => r.From);

    /// <summary>The fee for each stage reached on <paramref name="day"/>, or null when no table is in force then.</summary>
    public EnforcementFeeResult? For(Money debt, IReadOnlyList<FeeStage> stagesReached, LocalDate day)
    {
        if (debt.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(debt), "The sum to be recovered cannot be negative");
        }

        var fees = new List<StageFeeAmount>();
        var steps = new List<ExplanationStep>
        {
            new("Sum to be recovered under the liability order", debt, "SI 2014/1 reg 2 (sum to be recovered) and reg 5(1)"),
        };
        foreach (var stage in stagesReached.Order())
        {
            var row = rows.FirstOrDefault(r => r.Stage == stage && r.InForceOn(day));
            if (row is null)
            {
                return null;
            }

            var part = Money.Zero;
            if (row is { PercentBasisPoints: > 0, Threshold: { } over } && debt > over)
            {
                part = Rounding.RoundHalfUpToPence(debt - over, row.PercentBasisPoints, 10_000);
            }

            var name = stage == FeeStage.Sale ? "sale or disposal" : stage.Code();
            steps.Add(new($"Fixed fee for the {name} stage", row.Fixed, row.Source));
            if (row is { PercentBasisPoints: > 0, Threshold: { } threshold })
            {
                steps.Add(new(
                    $"{Percent(row.PercentBasisPoints)}% of the sum to be recovered over {threshold.ToDisplayString()} " +
                    (debt > threshold ? $"({(debt - threshold).ToDisplayString()}), to the nearest penny" : "(nothing: the sum is not over it)"),
                    part, row.Source));
            }

            fees.Add(new StageFeeAmount(stage, row.Fixed + part));
        }

        var total = Money.Sum(fees.Select(f => f.Amount));
        steps.Add(new("Total fees recoverable from the debtor for the stages reached", total, "SI 2014/1 reg 5(1) and Schedule Table 1"));
        return new EnforcementFeeResult(fees, total, steps);
    }

    private static string Percent(int basisPoints) => basisPoints % 100 == 0
        ? (basisPoints / 100).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : (basisPoints / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
