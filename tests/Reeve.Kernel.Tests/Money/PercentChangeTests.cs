namespace Reeve.Kernel.Tests;

public class PercentChangeTests
{
    [Theory]
    [InlineData(145_027L, 150_000L, "3.4%")]
    [InlineData(18_000L, 20_000L, "11.1%")]
    [InlineData(150_000L, 145_027L, "-3.3%")]
    [InlineData(10_000L, 10_000L, "0.0%")]
    [InlineData(100L, 300L, "200.0%")]
    public void A_change_is_stated_to_one_decimal_place(long before, long after, string expected) =>
        PercentChange.Between(Money.FromPence(before), Money.FromPence(after)).ToString().ShouldBe(expected);

    [Fact]
    public void Half_a_tenth_rounds_away_from_zero_on_the_bill_and_on_screen_alike()
    {
        // SI 2011/3038 Sch 1: the demand notice states each percentage change. £20.00 to £20.01 is 0.05%: 0.1%, not the
        // 0.0% banker's rounding gives; £20.01 to £20.00 is the mirror, -0.1% (halves away from zero, like RoundHalfUpToPence).
        PercentChange.Between(Money.FromPence(2_000), Money.FromPence(2_001)).ShouldBe(new PercentChange(1));
        PercentChange.Between(Money.FromPence(2_000), Money.FromPence(1_999)).ShouldBe(new PercentChange(-1));
        PercentChange.Between(Money.FromPence(2_000), Money.FromPence(2_003)).ShouldBe(new PercentChange(2)); // 0.15% is 0.2%
    }

    [Fact]
    public void Nothing_before_has_no_percentage_change() =>
        PercentChange.Between(Money.Zero, Money.FromPence(100)).ShouldBeNull();

    [Fact]
    public void The_magnitude_drops_the_sign_for_text_that_says_up_or_down_in_words()
    {
        var fall = PercentChange.Between(Money.FromPence(150_000), Money.FromPence(145_027))!.Value;

        fall.Magnitude().ShouldBe("3.3");
        fall.IsIncrease.ShouldBeFalse();
    }
}
