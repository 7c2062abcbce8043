using Reeve.Calculators;

namespace Reeve.CouncilTax.Tests.Features;

public class InstalmentsCalculatorTests
{
    private static (bool Ok, System.Text.Json.Nodes.JsonObject Json) Run(string json) => CalculatorCatalogue.Create().Run("instalments", json);

    private static System.Text.Json.Nodes.JsonArray Schedule(string json)
    {
        var (ok, result) = Run(json);
        ok.ShouldBeTrue(result.ToJsonString());
        result["explanation"]!.AsArray().Count.ShouldBeGreaterThan(0);
        return result["instalments"]!.AsArray();
    }

    [Fact]
    public void Council_tax_schedule_for_a_notice_issued_in_March_runs_April_to_January()
    {
        // CTAE Regs 1992 Sch 1 para 2(3)(a), 2(6): 10 instalments, £152.09 then nine of £152.00.
        var instalments = Schedule("""{"regime": "council-tax", "total": "1520.09", "issued": "2025-03-10", "financialYear": 2025, "requested": null, "dayOfMonth": 1}""");
        instalments.Count.ShouldBe(10);
        instalments[0]!.ToJsonString().ShouldBe("""{"due":"2025-04-01","amount":"152.09"}""");
        instalments[9]!.ToJsonString().ShouldBe("""{"due":"2026-01-01","amount":"152.00"}""");
    }

    [Fact]
    public void Twelve_requested_gives_twelve_monthly_instalments()
    {
        // CTAE Regs 1992 reg 21(1A), Sch 1 para 2(3A), 2(6): £1,520.09 ÷ 12 = £126.67, so eleven of £127 and a first of £123.09.
        var instalments = Schedule("""{"regime": "council-tax", "total": "1520.09", "issued": "2025-03-10", "financialYear": 2025, "requested": 12, "dayOfMonth": 1}""");
        instalments.Count.ShouldBe(12);
        instalments[0]!["amount"]!.GetValue<string>().ShouldBe("123.09");
        instalments[11]!.ToJsonString().ShouldBe("""{"due":"2026-03-01","amount":"127.00"}""");
    }

    [Fact]
    public void Business_rates_use_the_1989_scheme()
    {
        // SI 1989/1058 Sch 1 para 1(2): issued in May, 9 instalments.
        Schedule("""{"regime": "business-rates", "total": "9000.00", "issued": "2025-05-20", "financialYear": 2025, "dayOfMonth": 1}""").Count.ShouldBe(9);
    }

    [Theory]
    [InlineData("""{"total": "1.00", "issued": "2025-03-10", "financialYear": 2025}""", "regime")]
    [InlineData("""{"regime": "water", "total": "1.00", "issued": "2025-03-10", "financialYear": 2025}""", "regime")]
    [InlineData("""{"regime": "council-tax", "issued": "2025-03-10", "financialYear": 2025}""", "total")]
    [InlineData("""{"regime": "council-tax", "total": "1.999", "issued": "2025-03-10", "financialYear": 2025}""", "total")]
    [InlineData("""{"regime": "council-tax", "total": "1.00", "issued": "2025-02-30", "financialYear": 2025}""", "issued")]
    [InlineData("""{"regime": "council-tax", "total": "1.00", "issued": "2026-04-01", "financialYear": 2025}""", "issued")]
    [InlineData("""{"regime": "council-tax", "total": "1.00", "issued": "2025-03-10"}""", "financialYear")]
    [InlineData("""{"regime": "council-tax", "total": "1.00", "issued": "2025-03-10", "financialYear": 2025, "requested": 13}""", "requested")]
    [InlineData("""{"regime": "council-tax", "total": "1.00", "issued": "2025-03-10", "financialYear": 2025, "requested": -2}""", "requested")]
    [InlineData("""{"regime": "council-tax", "total": "1.00", "issued": "2025-03-10", "financialYear": 2025, "dayOfMonth": 0}""", "dayOfMonth")]
    public void Bad_input_is_refused_naming_the_field(string json, string field)
    {
        // shared/contracts.md: {"error": {"field": "<json path>", "message": "<plain words>"}}.
        var (ok, result) = Run(json);
        ok.ShouldBeFalse();
        result["error"]!["field"]!.GetValue<string>().ShouldBe(field);
    }
}
