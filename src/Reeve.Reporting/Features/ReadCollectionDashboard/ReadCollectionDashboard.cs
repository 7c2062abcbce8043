using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Reporting.Domain;

namespace Reeve.Reporting;

/// <summary>The collection dashboard for one kind of account and year: the rate by month against last year and the target, and the Direct Debit share.</summary>
public sealed record CollectionDashboard(
    AccountKind Kind,
    FinancialYear Year,
    LocalDate AsAt,
    IReadOnlyList<CollectionMonth> ThisYear,
    IReadOnlyList<CollectionMonth> LastYear,
    CollectionTarget? Target,
    int OpenAccounts,
    int PayingByDirectDebit)
{
    public int? DirectDebitShareBasisPoints => Shares.InBasisPoints(PayingByDirectDebit, OpenAccounts);

    /// <summary>Last year's figure for the same month as <paramref name="month"/> of this year, if there is one.</summary>
    public CollectionMonth? SameMonthLastYear(CollectionMonth month) =>
        LastYear.FirstOrDefault(m => m.Month.Month == month.Month.Month);
}

public static class ReadCollectionDashboard
{
    /// <summary>The first day any entry can be effective; payments in advance for a year are counted from here.</summary>
    private static readonly LocalDate Beginning = new(1990, 1, 1);

    public static async Task<CollectionDashboard> HandleAsync(DbConnection connection, CouncilId council, AccountKind kind, FinancialYear year, LocalDate today)
    {
        var asAt = today < year.LastDay ? today : year.LastDay;
        var lastYearAsAt = year.Previous.LastDay;
        var days = await CollectionTotals.ByDayAsync(connection, council, kind, Beginning, asAt, [year.StartYear, year.Previous.StartYear]);
        var methods = await CollectionTotals.OpenAccountsByPaymentMethodAsync(connection, council, kind);
        return new CollectionDashboard(
            kind,
            year,
            asAt,
            CollectionRates.ByMonth(year, days, asAt),
            CollectionRates.ByMonth(year.Previous, days, lastYearAsAt < asAt ? lastYearAsAt : asAt),
            await SetCollectionTarget.InForceAsync(connection, council, kind, year),
            methods.Values.Sum(),
            methods.GetValueOrDefault("direct-debit"));
    }
}
