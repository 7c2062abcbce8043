using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments;
using Reeve.Recovery;

namespace Reeve.Reporting.Domain;

/// <summary>What is owed for one financial year, split by how far recovery has gone for each account year.</summary>
public sealed record ArrearsYear(FinancialYear Year, IReadOnlyDictionary<StageReached, (int AccountYears, Money Owed)> ByStage)
{
    public Money Owed => Money.Sum(ByStage.Values.Select(v => v.Owed));

    public int AccountYears => ByStage.Values.Sum(v => v.AccountYears);

    public (int AccountYears, Money Owed) At(StageReached stage) => ByStage.GetValueOrDefault(stage, (0, Money.Zero));
}

/// <summary>How many account years reached each recovery stage (each counted at every stage it passed through).</summary>
public sealed record FunnelStep(StageReached Stage, int AccountYears);

/// <summary>Open suspense items by how long they have waited.</summary>
public sealed record AgeBand(string Label, int FromDays, int? ToDays, int Items, Money Amount);

public static class Arrears
{
    public static readonly StageReached[] Stages =
        [StageReached.None, StageReached.Reminder, StageReached.FinalNotice, StageReached.Summons, StageReached.LiabilityOrder];

    /// <summary>Every owed account year, grouped by financial year (newest first) and the stage reached.</summary>
    public static IReadOnlyList<ArrearsYear> ByYearAndStage(
        IEnumerable<CollectionTotals.OwedYear> owed, IReadOnlyDictionary<(long AccountId, int Year), StageReached> stages) =>
        owed.GroupBy(o => o.Year)
            .OrderByDescending(g => g.Key)
            .Select(g => new ArrearsYear(g.Key, g
                .GroupBy(o => stages.GetValueOrDefault((o.AccountId, o.Year.StartYear), StageReached.None))
                .ToDictionary(s => s.Key, s => (s.Count(), Money.Sum(s.Select(o => o.Balance))))))
            .ToList();

    /// <summary>The recovery funnel for one year's account years: how many reached at least each step, reminder to liability order.</summary>
    public static IReadOnlyList<FunnelStep> Funnel(IEnumerable<StageReached> reached)
    {
        var all = reached.ToList();
        return Stages.Skip(1).Select(stage => new FunnelStep(stage, all.Count(s => s >= stage))).ToList();
    }

    /// <summary>The age bands a suspense-ageing report uses: up to a week, a month, three months, and longer.</summary>
    public static IReadOnlyList<AgeBand> SuspenseAgeing(IEnumerable<SuspenseAgeing.PaidDay> open, LocalDate asAt)
    {
        (string Label, int From, int? To)[] bands = [("Up to 7 days", 0, 7), ("8 to 30 days", 8, 30), ("31 to 90 days", 31, 90), ("Over 90 days", 91, null)];
        var days = open.Select(d => (Age: Math.Max(0, Period.Between(d.PaidOn, asAt, PeriodUnits.Days).Days), d)).ToList();
        return bands.Select(b =>
        {
            var inBand = days.Where(x => x.Age >= b.From && (b.To is null || x.Age <= b.To)).Select(x => x.d).ToList();
            return new AgeBand(b.Label, b.From, b.To, inBand.Sum(d => d.Items), Money.Sum(inBand.Select(d => d.Amount)));
        }).ToList();
    }
}
