using System.Text.Json.Nodes;
using Reeve.Calculators;

namespace Reeve.Enforcement.Tests.Features.CalculateAttachmentDeduction;

/// <summary>
/// `attachment-of-earnings` (shared/contracts.md): CTAE Regs 1992 reg 38(1) and Schedule 4 Tables A to C, England, with the figures
/// of SI 2006/3395 from 1 April 2007 and the weekly 12%/17% boundary at £355 (SI 2007/501 reg 3(3)). Each band is "exceeding the
/// lower figure but not exceeding the upper"; the deduction is the band's percentage of the whole net earnings, except in the top
/// band. Every figure below is worked by hand from the Schedule.
/// </summary>
public sealed class AttachmentOfEarningsCalculatorTests
{
    private static JsonObject Run(string input, bool ok = true)
    {
        var (succeeded, result) = CalculatorCatalogue.Create().Run("attachment-of-earnings", input);
        succeeded.ShouldBe(ok, result.ToJsonString());
        return result;
    }

    private static JsonObject Pay(string net, string period, string date = "2026-01-09") =>
        Run($$"""{ "netEarnings": "{{net}}", "payPeriod": "{{period}}", "payDate": "{{date}}" }""");

    [Theory]
    [InlineData("0.00", "0.00", 0)]
    [InlineData("75.00", "0.00", 0)]
    [InlineData("75.01", "2.25", 3)] // 3% of 75.01 = 2.2503
    [InlineData("135.00", "4.05", 3)]
    [InlineData("135.01", "6.75", 5)] // 5% of 135.01 = 6.7505
    [InlineData("185.00", "9.25", 5)]
    [InlineData("185.01", "12.95", 7)] // 7% of 185.01 = 12.9507
    [InlineData("225.00", "15.75", 7)]
    [InlineData("225.01", "27.00", 12)] // 12% of 225.01 = 27.0012
    [InlineData("300.00", "36.00", 12)] // the contract's example
    [InlineData("355.00", "42.60", 12)]
    [InlineData("355.01", "60.35", 17)] // 17% of 355.01 = 60.3517
    [InlineData("505.00", "85.85", 17)]
    [InlineData("505.02", "85.86", 17)] // 17% of 505 = 85.85, and 50% of 0.02 = 0.01
    [InlineData("600.00", "133.35", 17)] // 85.85 + 50% of 95.00
    public void Weekly_pay_is_taken_by_Table_A_on_both_sides_of_each_boundary(string net, string deduction, int percent)
    {
        var result = Pay(net, "weekly");
        result["deduction"]!.GetValue<string>().ShouldBe(deduction);
        result["percent"]!.GetValue<int>().ShouldBe(percent);
    }

    [Theory]
    [InlineData("300.00", "0.00", 0)]
    [InlineData("300.01", "9.00", 3)] // 9.0003
    [InlineData("550.00", "16.50", 3)]
    [InlineData("550.01", "27.50", 5)] // 27.5005
    [InlineData("740.00", "37.00", 5)]
    [InlineData("740.01", "51.80", 7)] // 51.8007
    [InlineData("900.00", "63.00", 7)]
    [InlineData("900.01", "108.00", 12)] // 108.0012
    [InlineData("1420.00", "170.40", 12)]
    [InlineData("1420.01", "241.40", 17)] // 241.4017
    [InlineData("2020.00", "343.40", 17)]
    [InlineData("2500.00", "583.40", 17)] // 343.40 + 50% of 480.00
    public void Monthly_pay_is_taken_by_Table_B_on_both_sides_of_each_boundary(string net, string deduction, int percent)
    {
        var result = Pay(net, "monthly");
        result["deduction"]!.GetValue<string>().ShouldBe(deduction);
        result["percent"]!.GetValue<int>().ShouldBe(percent);
    }

    [Theory]
    [InlineData("11.00", "0.00")]
    [InlineData("11.01", "0.33")] // 0.3303
    [InlineData("20.00", "0.60")]
    [InlineData("20.01", "1.00")] // 1.0005
    [InlineData("27.00", "1.35")]
    [InlineData("27.01", "1.89")] // 1.8907
    [InlineData("33.00", "2.31")]
    [InlineData("33.01", "3.96")] // 3.9612
    [InlineData("52.00", "6.24")]
    [InlineData("52.01", "8.84")] // 8.8417
    [InlineData("72.00", "12.24")]
    [InlineData("80.00", "16.24")] // 12.24 + 50% of 8.00
    public void Daily_pay_is_taken_by_Table_C_on_both_sides_of_each_boundary(string net, string deduction) =>
        Pay(net, "daily")["deduction"]!.GetValue<string>().ShouldBe(deduction);

    [Fact]
    public void The_top_band_explains_both_parts_and_names_the_remainder_rate()
    {
        // Sch 4 Table B: exceeding £2,020, 17% in respect of the first £2,020 and 50% in respect of the remainder.
        var result = Pay("2500.00", "monthly");
        result["remainderPercent"]!.GetValue<int>().ShouldBe(50);
        var steps = result["explanation"]!.AsArray();
        steps.Select(s => s!["amount"]!.GetValue<string>()).ShouldBe(["2500.00", "343.40", "240.00", "583.40"]);
        steps.ShouldAllBe(s => s!["source"]!.GetValue<string>().Contains("CTAE Regs 1992") || s!["source"]!.GetValue<string>().Contains("SI 1992/613"));
    }

    [Fact]
    public void Weekly_pay_between_335_and_355_is_taken_at_12_percent_and_the_as_made_reading_is_named_but_not_applied()
    {
        // SI 2006/3395 as made gave £335 as the boundary; the revised Schedule shows £355 (SI 2007/501 reg 3(3)). Reeve applies £355.
        var result = Pay("340.00", "weekly");
        result["deduction"]!.GetValue<string>().ShouldBe("40.80");
        result["percent"]!.GetValue<int>().ShouldBe(12);
        var note = result["explanation"]!.AsArray().Last()!;
        note["step"]!.GetValue<string>().ShouldStartWith("Not applied");
        note["amount"]!.GetValue<string>().ShouldBe("57.80"); // what 17% would take
        note["source"]!.GetValue<string>().ShouldContain("SI 2006/3395");
    }

    [Fact]
    public void Weekly_pay_outside_the_disputed_range_carries_no_note_of_the_other_reading()
    {
        Pay("300.00", "weekly")["explanation"]!.AsArray().ShouldNotContain(s => s!["step"]!.GetValue<string>().StartsWith("Not applied", StringComparison.Ordinal));
        Pay("400.00", "weekly")["deduction"]!.GetValue<string>().ShouldBe("68.00");
    }

    [Theory]
    [InlineData("""{ "payPeriod": "weekly", "payDate": "2026-01-09" }""", "netEarnings")]
    [InlineData("""{ "netEarnings": 300, "payPeriod": "weekly", "payDate": "2026-01-09" }""", "netEarnings")]
    [InlineData("""{ "netEarnings": "-1.00", "payPeriod": "weekly", "payDate": "2026-01-09" }""", "netEarnings")]
    [InlineData("""{ "netEarnings": "300.001", "payPeriod": "weekly", "payDate": "2026-01-09" }""", "netEarnings")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "fortnightly", "payDate": "2026-01-09" }""", "payPeriod")]
    [InlineData("""{ "netEarnings": "300.00", "payDate": "2026-01-09" }""", "payPeriod")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "weekly", "payDate": "2026-02-30" }""", "payDate")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "weekly", "payDate": "2007-03-31" }""", "payDate")]
    [InlineData("""{ "netEarnings": "300.00", "payPeriod": "weekly" }""", "payDate")]
    public void Bad_input_is_refused_naming_the_field(string input, string field) =>
        Run(input, ok: false)["error"]!["field"]!.GetValue<string>().ShouldBe(field);
}
