using Reeve.Kernel;

namespace Reeve.Letters.Tests;

public class PercentChangeOnTheBillTests
{
    [Theory]
    [InlineData(2_000L, 2_001L, "0.1%")]
    [InlineData(2_000L, 1_999L, "-0.1%")]
    [InlineData(145_027L, 150_000L, "3.4%")]
    [InlineData(0L, 0L, "0.0%")]
    [InlineData(0L, 100L, "new")]
    public void The_bill_states_each_change_to_one_decimal_with_halves_away_from_zero(long before, long after, string expected) =>
        // SI 2011/3038 Sch 1, by Kernel's PercentChange: the same rule as the officer's screen.
        Percent.Change(Money.FromPence(before), Money.FromPence(after)).ShouldBe(expected);
}
