using System.Text.Json.Nodes;
using Reeve.Calculators;

namespace Reeve.Overpayments.Tests.Features.CalculateDeaDeduction;

/// <summary>
/// `direct-earnings-attachment` (shared/contracts.md): SI 2013/384 reg 20, Tables A and B (standard, from 8 April 2013) and C and
/// D (higher, from 6 April 2015, SI 2015/499). Each band is "exceeding the lower figure but not exceeding the upper"; the
/// deduction is the band's percentage of the whole net earnings, to the nearest penny. Every figure is worked by hand.
/// </summary>
public sealed class DirectEarningsAttachmentCalculatorTests
{
    private static JsonObject Run(string input, bool ok = true)
    {
        var (succeeded, result) = CalculatorCatalogue.Create().Run("direct-earnings-attachment", input);
        succeeded.ShouldBe(ok, result.ToJsonString());
        return result;
    }

    private static JsonObject Pay(string net, string period, string rate = "standard", string date = "2026-01-09") =>
        Run($$"""{ "netEarnings": "{{net}}", "payPeriod": "{{period}}", "rate": "{{rate}}", "payDate": "{{date}}" }""");

    [Theory]
    [InlineData("0.00", "0.00", 0)]
    [InlineData("100.00", "0.00", 0)]
    [InlineData("100.01", "3.00", 3)] // 3% of 100.01 = 3.0003
    [InlineData("160.00", "4.80", 3)]
    [InlineData("160.01", "8.00", 5)] // 8.0005
    [InlineData("220.00", "11.00", 5)]
    [InlineData("220.01", "15.40", 7)] // 15.4007
    [InlineData("270.00", "18.90", 7)]
    [InlineData("270.01", "29.70", 11)] // 29.7011
    [InlineData("300.00", "33.00", 11)] // the contract's example
    [InlineData("375.00", "41.25", 11)]
    [InlineData("375.01", "56.25", 15)] // 56.2515
    [InlineData("520.00", "78.00", 15)]
    [InlineData("520.01", "104.00", 20)] // 104.002
    [InlineData("1000.00", "200.00", 20)] // the whole, not the excess over 520
    public void Weekly_pay_at_the_standard_rate_is_taken_by_Table_A_on_both_sides_of_each_boundary(string net, string deduction, int percent)
    {
        var result = Pay(net, "weekly");
        result["deduction"]!.GetValue<string>().ShouldBe(deduction);
        result["percent"]!.GetValue<int>().ShouldBe(percent);
    }

    [Theory]
    [InlineData("430.00", "0.00", 0)]
    [InlineData("430.01", "12.90", 3)] // 12.9003
    [InlineData("690.00", "20.70", 3)]
    [InlineData("690.01", "34.50", 5)] // 34.5005
    [InlineData("950.00", "47.50", 5)]
    [InlineData("950.01", "66.50", 7)] // 66.5007
    [InlineData("1160.00", "81.20", 7)]
    [InlineData("1160.01", "127.60", 11)] // 127.6011
    [InlineData("1615.00", "177.65", 11)]
    [InlineData("1615.01", "242.25", 15)] // 242.2515
    [InlineData("2240.00", "336.00", 15)]
    [InlineData("2240.01", "448.00", 20)] // 448.002
    public void Monthly_pay_at_the_standard_rate_is_taken_by_Table_B_on_both_sides_of_each_boundary(string net, string deduction, int percent)
    {
        var result = Pay(net, "monthly");
        result["deduction"]!.GetValue<string>().ShouldBe(deduction);
        result["percent"]!.GetValue<int>().ShouldBe(percent);
    }

    [Theory]
    [InlineData("weekly", "50.00", "2.50", 5)] // even the lowest band pays at the higher rate
    [InlineData("weekly", "100.00", "5.00", 5)]
    [InlineData("weekly", "100.01", "6.00", 6)] // 6.0006
    [InlineData("weekly", "220.01", "30.80", 14)] // 30.8014
    [InlineData("weekly", "300.00", "66.00", 22)]
    [InlineData("weekly", "520.00", "156.00", 30)]
    [InlineData("weekly", "520.01", "208.00", 40)] // 208.004
    [InlineData("monthly", "430.00", "21.50", 5)]
    [InlineData("monthly", "430.01", "25.80", 6)] // 25.8006
    [InlineData("monthly", "950.01", "133.00", 14)] // 133.0014
    [InlineData("monthly", "2240.00", "672.00", 30)]
    [InlineData("monthly", "2240.01", "896.00", 40)] // 896.004
    public void The_higher_rate_takes_Tables_C_and_D_after_a_conviction(string period, string net, string deduction, int percent)
    {
        var result = Pay(net, period, "higher");
        result["deduction"]!.GetValue<string>().ShouldBe(deduction);
        result["percent"]!.GetValue<int>().ShouldBe(percent);
    }

    [Fact]
    public void A_deduction_is_rounded_to_the_nearest_penny()
    {
        Pay("100.17", "weekly")["deduction"]!.GetValue<string>().ShouldBe("3.01"); // 3.0051 rounds up
        Pay("100.16", "weekly")["deduction"]!.GetValue<string>().ShouldBe("3.00"); // 3.0048 rounds down
    }

    [Fact]
    public void Every_step_is_explained_with_its_legal_source()
    {
        var steps = Pay("300.00", "weekly")["explanation"]!.AsArray();
        steps.Select(s => s!["amount"]!.GetValue<string>()).ShouldBe(["300.00", "300.00", "33.00", "33.00"]);
        steps.ShouldAllBe(s => s!["source"]!.GetValue<string>().StartsWith("SI 2013/384", StringComparison.Ordinal));
        steps[2]!["step"]!.GetValue<string>().ShouldContain("Table A");
        steps[2]!["step"]!.GetValue<string>().ShouldContain("exceeding £270.00 but not exceeding £375.00");
        Pay("300.00", "monthly", "higher")["explanation"]!.AsArray()[1]!["source"]!.GetValue<string>().ShouldContain("SI 2015/499");
    }

    [Fact]
    public void The_tables_start_when_the_Regulations_came_into_force()
    {
        Pay("300.00", "weekly", "standard", "2013-04-08")["deduction"]!.GetValue<string>().ShouldBe("33.00");
        Pay("300.00", "weekly", "higher", "2015-04-06")["deduction"]!.GetValue<string>().ShouldBe("66.00");
        Run("""{ "netEarnings": "300.00", "payPeriod": "weekly", "rate": "standard", "payDate": "2013-04-07" }""", ok: false)["error"]!["field"]!.GetValue<string>().ShouldBe("payDate");
        var higher = Run("""{ "netEarnings": "300.00", "payPeriod": "weekly", "rate": "higher", "payDate": "2015-04-05" }""", ok: false)["error"]!;
        higher["field"]!.GetValue<string>().ShouldBe("payDate");
        higher["message"]!.GetValue<string>().ShouldContain("2015-04-06");
    }

    [Theory]
    [InlineData("""{ "payPeriod": "weekly", "rate": "standard", "payDate": "2026-01-09" }""", "netEarnings")]
    [InlineData("""{ "netEarnings": 300, "payPeriod": "weekly", "rate": "standard", "payDate": "2026-01-09" }""", "netEarnings")]
    [InlineData("""{ "netEarnings": "-1.00", "payPeriod": "weekly", "rate": "standard", "payDate": "2026-01-09" }""", "netEarnings")]
    [InlineData("""{ "netEarnings": "300.001", "payPeriod": "weekly", "rate": "standard", "payDate": "2026-01-09" }""", "netEarnings")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "fortnightly", "rate": "standard", "payDate": "2026-01-09" }""", "payPeriod")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "four-weekly", "rate": "standard", "payDate": "2026-01-09" }""", "payPeriod")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "daily", "rate": "standard", "payDate": "2026-01-09" }""", "payPeriod")]
    [InlineData("""{ "netEarnings": "300.00", "rate": "standard", "payDate": "2026-01-09" }""", "payPeriod")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "weekly", "rate": "fraud", "payDate": "2026-01-09" }""", "rate")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "weekly", "payDate": "2026-01-09" }""", "rate")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "weekly", "rate": "standard", "payDate": "2026-02-30" }""", "payDate")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "weekly", "rate": "standard" }""", "payDate")]
    public void Bad_input_is_refused_naming_the_field(string input, string field) =>
        Run(input, ok: false)["error"]!["field"]!.GetValue<string>().ShouldBe(field);
}
