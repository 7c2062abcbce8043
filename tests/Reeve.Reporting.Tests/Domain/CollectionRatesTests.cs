using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Reporting.Domain;

namespace Reeve.Reporting.Tests.Domain;

public sealed class CollectionRatesTests
{
    private static readonly FinancialYear Year = new(2025);

    private static CollectionTotals.DayTotal Day(int year, LocalDate day, long debit, long receipts) =>
        new(new FinancialYear(year), day, Money.FromPence(debit), Money.FromPence(receipts));

    [Fact]
    public void Each_month_is_cumulative_receipts_for_the_year_over_its_net_debit_to_the_months_last_day()
    {
        CollectionTotals.DayTotal[] days =
        [
            Day(2025, new LocalDate(2025, 3, 20), 0, 10_000), // paid in advance, in March, for 2025/26
            Day(2025, new LocalDate(2025, 4, 1), 1_000_000, 0),
            Day(2025, new LocalDate(2025, 4, 30), 0, 90_000),
            Day(2025, new LocalDate(2025, 5, 1), -100_000, 100_000),
            Day(2024, new LocalDate(2025, 5, 2), 0, 55_555), // arrears of last year: not this year's collection
        ];

        var months = CollectionRates.ByMonth(Year, days, new LocalDate(2025, 5, 15));

        months.Count.ShouldBe(2);
        months[0].ShouldBe(new CollectionMonth(new YearMonth(2025, 4), new LocalDate(2025, 4, 30), Money.FromPence(1_000_000), Money.FromPence(100_000)));
        months[0].RateBasisPoints.ShouldBe(1_000);
        months[1].AsAt.ShouldBe(new LocalDate(2025, 5, 15));
        months[1].Debit.ShouldBe(Money.FromPence(900_000));
        months[1].Receipts.ShouldBe(Money.FromPence(200_000));
        months[1].RateBasisPoints.ShouldBe(2_222); // 22.222...% rounds to 22.22%
    }

    [Fact]
    public void A_finished_year_has_twelve_months_ending_on_31_March_and_a_year_not_begun_has_none()
    {
        CollectionRates.ByMonth(Year, [], new LocalDate(2026, 6, 1)).Select(m => m.AsAt).Last().ShouldBe(new LocalDate(2026, 3, 31));
        CollectionRates.ByMonth(Year, [], new LocalDate(2026, 6, 1)).Count.ShouldBe(12);
        CollectionRates.ByMonth(Year, [], new LocalDate(2025, 3, 31)).ShouldBeEmpty();
    }

    [Fact]
    public void No_rate_is_made_of_a_debit_of_nothing()
    {
        CollectionRates.ByMonth(Year, [Day(2025, new LocalDate(2025, 4, 2), 0, 5_000)], new LocalDate(2025, 4, 30))[0].RateBasisPoints.ShouldBeNull();
    }

    [Theory]
    [InlineData(1, 3, 3_333)]
    [InlineData(2, 3, 6_667)]
    [InlineData(1, 8, 1_250)]
    [InlineData(1, 20_000, 1)] // 0.005% rounds half up to 0.01%
    [InlineData(0, 5, 0)]
    public void Shares_are_basis_points_rounded_half_up(long part, long whole, int expected) =>
        Shares.InBasisPoints(part, whole).ShouldBe(expected);

    [Fact]
    public void A_share_reads_as_a_percentage_with_two_decimals() => Shares.Percent(9_642).ShouldBe("96.42%");
}
