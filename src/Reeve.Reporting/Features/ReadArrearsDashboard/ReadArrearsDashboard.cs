using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery;
using Reeve.Reporting.Domain;

namespace Reeve.Reporting;

/// <summary>What is owed by year and recovery stage, and one year's recovery funnel from reminder to liability order.</summary>
public sealed record ArrearsDashboard(AccountKind Kind, LocalDate AsAt, IReadOnlyList<ArrearsYear> Years, FinancialYear FunnelYear, IReadOnlyList<FunnelStep> Funnel)
{
    public Money Owed => Money.Sum(Years.Select(y => y.Owed));
}

public static class ReadArrearsDashboard
{
    public static async Task<ArrearsDashboard> HandleAsync(DbConnection connection, CouncilId council, AccountKind kind, FinancialYear funnelYear, LocalDate asAt)
    {
        var owed = await CollectionTotals.OwedYearsAsync(connection, council, kind, asAt);
        var stages = await StagesReached.ForCouncilAsync(connection, council);
        // Recovery notices name accounts of every kind; the funnel counts this kind's only, through the accounts the ledger knows.
        var ofKind = (await AccountStore.GetManyAsync(connection, council, stages.Keys.Select(k => k.AccountId).Distinct().ToList()))
            .Values.Where(a => a.Kind == kind).Select(a => a.AccountId).ToHashSet();
        var funnel = Arrears.Funnel(stages.Where(s => s.Key.Year == funnelYear.StartYear && ofKind.Contains(s.Key.AccountId)).Select(s => s.Value));
        return new ArrearsDashboard(kind, asAt, Arrears.ByYearAndStage(owed, stages), funnelYear, funnel);
    }
}
