using System.Data.Common;
using System.Globalization;
using System.Text;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Reporting.Domain;

namespace Reeve.Reporting;

/// <summary>The receipts part of the quarterly return (QRC4) for one financial year: Council Tax and Business Rates, quarter by quarter.</summary>
public sealed record QuarterlyReturn(FinancialYear Year, LocalDate AsAt, IReadOnlyList<ReceiptsQuarter> CouncilTax, IReadOnlyList<ReceiptsQuarter> BusinessRates)
{
    /// <summary>The figures as CSV, one row per kind and quarter, money in pounds with two decimals and dates ISO.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("kind,quarter,from,to,received_for_year,received_for_earlier_years,received_for_later_years,year_to_date_for_year,year_to_date_for_earlier_years\n");
        foreach (var (kind, quarters) in new[] { ("council-tax", CouncilTax), ("business-rates", BusinessRates) })
        {
            foreach (var q in quarters)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{kind},{q.Quarter},{DateText.Iso.Format(q.From)},{DateText.Iso.Format(q.To)},{Pounds(q.ForTheYear)},{Pounds(q.ForEarlierYears)},{Pounds(q.ForLaterYears)},{Pounds(q.YearToDateForTheYear)},{Pounds(q.YearToDateForEarlierYears)}\n");
            }
        }

        return csv.ToString();
    }

    private static string Pounds(Money money) => (money.Pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}

public static class ProduceQuarterlyReceipts
{
    public static async Task<QuarterlyReturn> HandleAsync(DbConnection connection, CouncilId council, FinancialYear year, LocalDate today)
    {
        var asAt = today < year.LastDay ? today : year.LastDay;
        var ct = await CollectionTotals.ByDayAsync(connection, council, AccountKind.CouncilTax, year.FirstDay, asAt);
        var rates = await CollectionTotals.ByDayAsync(connection, council, AccountKind.BusinessRates, year.FirstDay, asAt);
        return new QuarterlyReturn(year, asAt, QuarterlyReceipts.For(year, ct, asAt), QuarterlyReceipts.For(year, rates, asAt));
    }
}
