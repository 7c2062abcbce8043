using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Reporting.Domain;

namespace Reeve.Reporting.Tests.Domain;

public sealed class QuarterlyReceiptsTests
{
    private static CollectionTotals.DayTotal Receipt(int year, LocalDate day, long pence) =>
        new(new FinancialYear(year), day, Money.Zero, Money.FromPence(pence));

    [Fact]
    public void Receipts_in_each_quarter_split_between_the_year_earlier_years_and_advance_payments_with_the_year_to_date()
    {
        var year = new FinancialYear(2025);
        CollectionTotals.DayTotal[] days =
        [
            Receipt(2025, new LocalDate(2025, 4, 1), 10_000),
            Receipt(2024, new LocalDate(2025, 6, 30), 2_000),
            Receipt(2025, new LocalDate(2025, 7, 1), 20_000),
            Receipt(2026, new LocalDate(2025, 9, 30), 700),
            Receipt(2025, new LocalDate(2025, 10, 1), 99_999), // after the day asked about
        ];

        var quarters = QuarterlyReceipts.For(year, days, new LocalDate(2025, 9, 30));

        quarters.Count.ShouldBe(2);
        quarters[0].ShouldBe(new ReceiptsQuarter(1, new LocalDate(2025, 4, 1), new LocalDate(2025, 6, 30), Money.FromPence(10_000), Money.FromPence(2_000), Money.Zero,
            Money.FromPence(10_000), Money.FromPence(2_000)));
        quarters[1].ForTheYear.ShouldBe(Money.FromPence(20_000));
        quarters[1].ForLaterYears.ShouldBe(Money.FromPence(700));
        quarters[1].YearToDateForTheYear.ShouldBe(Money.FromPence(30_000));
        quarters[1].YearToDateForEarlierYears.ShouldBe(Money.FromPence(2_000));
    }

    [Fact]
    public void The_quarter_under_way_ends_on_the_day_asked_about()
    {
        var quarters = QuarterlyReceipts.For(new FinancialYear(2025), [], new LocalDate(2026, 2, 14));
        quarters.Select(q => q.To).ShouldBe([new LocalDate(2025, 6, 30), new LocalDate(2025, 9, 30), new LocalDate(2025, 12, 31), new LocalDate(2026, 2, 14)]);
    }
}
