using System.Text.Json.Nodes;
using Reeve.Calculators;

namespace Reeve.Enforcement.Tests.Features.CalculateEnforcementFees;

/// <summary>
/// `enforcement-fees` (shared/contracts.md): Taking Control of Goods (Fees) Regulations 2014 (SI 2014/1) reg 5(1) and the Schedule,
/// Table 1 (not High Court): compliance £75; enforcement £235 plus 7.5% of the sum to be recovered over £1,500; sale or disposal £110
/// plus 7.5% of the sum over £1,500. Figures worked by hand.
/// </summary>
public sealed class EnforcementFeesCalculatorTests
{
    private static JsonObject Run(string input, bool ok = true)
    {
        var (succeeded, result) = CalculatorCatalogue.Create().Run("enforcement-fees", input);
        succeeded.ShouldBe(ok, result.ToJsonString());
        return result;
    }

    private static JsonObject Fees(string debt, string stages, string date = "2026-01-09") =>
        Run($$"""{ "debt": "{{debt}}", "stagesReached": [{{stages}}], "date": "{{date}}" }""");

    private static string[] Amounts(JsonObject result) => [.. result["fees"]!.AsArray().Select(f => f!["amount"]!.GetValue<string>())];

    [Fact]
    public void The_contracts_example_compliance_and_enforcement_on_2000()
    {
        var result = Fees("2000.00", "\"compliance\", \"enforcement\"");
        result["fees"]!.AsArray().Select(f => f!["stage"]!.GetValue<string>()).ShouldBe(["compliance", "enforcement"]);
        Amounts(result).ShouldBe(["75.00", "272.50"]); // 235 + 7.5% of 500
        result["total"]!.GetValue<string>().ShouldBe("347.50");
    }

    [Theory]
    [InlineData("500.00", "75.00", "235.00", "110.00", "420.00")]
    [InlineData("1500.00", "75.00", "235.00", "110.00", "420.00")] // not over £1,500: no percentage part
    [InlineData("1510.00", "75.00", "235.75", "110.75", "421.50")] // 7.5% of 10.00
    [InlineData("2000.00", "75.00", "272.50", "147.50", "495.00")]
    [InlineData("10000.00", "75.00", "872.50", "747.50", "1695.00")] // 7.5% of 8,500 = 637.50
    public void Every_stage_reached_on_both_sides_of_the_1500_threshold(string debt, string compliance, string enforcement, string sale, string total)
    {
        var result = Fees(debt, "\"compliance\", \"enforcement\", \"sale\"");
        Amounts(result).ShouldBe([compliance, enforcement, sale]);
        result["total"]!.GetValue<string>().ShouldBe(total);
    }

    [Fact]
    public void A_case_at_the_compliance_stage_carries_only_the_compliance_fee() =>
        Fees("5000.00", "\"compliance\"")["total"]!.GetValue<string>().ShouldBe("75.00");

    [Fact]
    public void Stages_given_out_of_order_are_charged_in_the_order_a_case_reaches_them() =>
        Amounts(Fees("2000.00", "\"enforcement\", \"compliance\"")).ShouldBe(["75.00", "272.50"]);

    [Fact]
    public void The_explanation_shows_the_fixed_and_percentage_parts_with_their_source()
    {
        var steps = Fees("2000.00", "\"compliance\", \"enforcement\"")["explanation"]!.AsArray();
        steps.Select(s => s!["amount"]!.GetValue<string>()).ShouldBe(["2000.00", "75.00", "235.00", "37.50", "347.50"]);
        steps.Skip(1).ShouldAllBe(s => s!["source"]!.GetValue<string>().Contains("SI 2014/1"));
    }

    [Theory]
    [InlineData("""{ "stagesReached": ["compliance"], "date": "2026-01-09" }""", "debt")]
    [InlineData("""{ "debt": "-5.00", "stagesReached": ["compliance"], "date": "2026-01-09" }""", "debt")]
    [InlineData("""{ "debt": "500.00", "date": "2026-01-09" }""", "stagesReached")]
    [InlineData("""{ "debt": "500.00", "stagesReached": [], "date": "2026-01-09" }""", "stagesReached")]
    [InlineData("""{ "debt": "500.00", "stagesReached": "compliance", "date": "2026-01-09" }""", "stagesReached")]
    [InlineData("""{ "debt": "500.00", "stagesReached": ["compliance", "bailiff"], "date": "2026-01-09" }""", "stagesReached[1]")]
    [InlineData("""{ "debt": "500.00", "stagesReached": ["compliance", "compliance"], "date": "2026-01-09" }""", "stagesReached[1]")]
    [InlineData("""{ "debt": "500.00", "stagesReached": ["enforcement"], "date": "2026-01-09" }""", "stagesReached")]
    [InlineData("""{ "debt": "500.00", "stagesReached": ["compliance", "sale"], "date": "2026-01-09" }""", "stagesReached")]
    [InlineData("""{ "debt": "500.00", "stagesReached": ["compliance"], "date": "2014-04-05" }""", "date")]
    [InlineData("""{ "debt": "500.00", "stagesReached": ["compliance"], "date": "9 Jan 2026" }""", "date")]
    public void Bad_input_is_refused_naming_the_field(string input, string field) =>
        Run(input, ok: false)["error"]!["field"]!.GetValue<string>().ShouldBe(field);
}
