using NodaTime;
using Reeve.Kernel;
using Reeve.Overpayments.Domain;

namespace Reeve.Overpayments.Tests.Domain;

/// <summary>HB Regs 2006 reg 102(2): 3 (standard) or 5 (fraud) times 5% of the 25+ personal allowance rounded up to the next 5p.</summary>
public sealed class HbDeductionRatesTests
{
    [Theory]
    [InlineData("2022-04-04", "11.55", "19.25")] // 77.00: 3.85
    [InlineData("2024-04-01", "13.65", "22.75")] // 90.50: 4.525 up to 4.55
    [InlineData("2025-04-07", "13.95", "23.25")] // 92.05: 4.6025 up to 4.65
    [InlineData("2026-01-05", "13.95", "23.25")]
    public void The_shipped_rates_in_force_on_a_day(string day, string standard, string fraud)
    {
        var rate = OverpaymentTables.HousingBenefitDeductions.InForceOn(DateText.Iso.Parse(day).Value)!;
        rate.Standard.ShouldBe(MoneyText.Parse(standard));
        rate.Fraud.ShouldBe(MoneyText.Parse(fraud));
    }

    [Fact]
    public void The_rates_for_2024_start_on_the_first_Monday_in_April() =>
        OverpaymentTables.HousingBenefitDeductions.InForceOn(new LocalDate(2024, 3, 31))!.Standard.ShouldBe(MoneyText.Parse("12.75"));

    [Theory]
    [InlineData("92.00", "4.60")] // exactly 4.60
    [InlineData("92.01", "4.65")] // 4.6005 rounds up
    [InlineData("92.05", "4.65")]
    public void Five_percent_rounds_up_to_the_next_5p(string allowance, string fivePercent) =>
        new HbDeductionRate(new LocalDate(2030, 4, 1), MoneyText.Parse(allowance), Money.Zero, Money.Zero, "derived", "test")
            .FivePercent.ShouldBe(MoneyText.Parse(fivePercent));

    [Fact]
    public void A_row_whose_figures_do_not_follow_the_formula_is_refused()
    {
        var wrong = new HbDeductionRate(new LocalDate(2030, 4, 1), MoneyText.Parse("92.05"), MoneyText.Parse("13.80"), MoneyText.Parse("23.25"), "derived", "test");
        Should.Throw<InvalidOperationException>(() => new HbDeductionRates([wrong])).Message.ShouldContain("reg 102");
    }

    [Fact]
    public void Before_the_first_row_no_rate_is_known() =>
        OverpaymentTables.HousingBenefitDeductions.InForceOn(new LocalDate(2022, 4, 3)).ShouldBeNull();
}
