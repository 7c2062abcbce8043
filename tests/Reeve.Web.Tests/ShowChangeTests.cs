using Reeve.Kernel;
using Reeve.Web.Features.Display;

namespace Reeve.Web.Tests;

public class ShowChangeTests
{
    [Theory]
    [InlineData(2_001L, 2_000L, "+£0.01 (+0.1%)")]
    [InlineData(1_999L, 2_000L, "-£0.01 (-0.1%)")]
    [InlineData(150_000L, 145_027L, "+£49.73 (+3.4%)")]
    public void A_precepts_change_on_screen_rounds_as_the_demand_notice_does(long now, long before, string expected)
    {
        // SI 2011/3038 Sch 1: the bill states each change; the screen shows the same figure by the same rule
        // (Kernel's PercentChange: one decimal, halves away from zero), so £20.00 to £20.01 is 0.1% on both.
        Show.Change(Money.FromPence(now), Money.FromPence(before)).ShouldBe(expected);
        Show.Change(Money.FromPence(now), Money.FromPence(before)).ShouldContain(PercentChange.Between(Money.FromPence(before), Money.FromPence(now))!.Value.Magnitude() + "%");
    }
}
