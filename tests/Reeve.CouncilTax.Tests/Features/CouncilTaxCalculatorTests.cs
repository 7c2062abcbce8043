using System.Text.Json.Nodes;
using Reeve.Calculators;

namespace Reeve.CouncilTax.Tests.Features;

public class CouncilTaxCalculatorTests
{
    private const string ContractExample = """
        {
          "financialYear": 2025,
          "bandDCharge": "2280.14",
          "band": "C",
          "from": "2025-04-01",
          "to": "2026-03-31",
          "adultResidents": 1,
          "disregardedResidents": 0,
          "exemptionClass": null,
          "disabledBandReduction": false,
          "premium": null,
          "reductionAmount": "0.00",
          "instalments": { "count": 10, "firstDue": "2025-04-01", "dayOfMonth": 1 }
        }
        """;

    private static JsonObject Run(string json)
    {
        var (ok, result) = CalculatorCatalogue.Create().Run("council-tax", json);
        ok.ShouldBeTrue(result.ToJsonString());
        return result;
    }

    private static (string Field, string Message) Refused(string json)
    {
        var (ok, result) = CalculatorCatalogue.Create().Run("council-tax", json);
        ok.ShouldBeFalse(result.ToJsonString());
        return (result["error"]!["field"]!.GetValue<string>(), result["error"]!["message"]!.GetValue<string>());
    }

    private static string With(string field, string value)
    {
        var input = JsonNode.Parse(ContractExample)!.AsObject();
        input[field] = JsonNode.Parse(value);
        return input.ToJsonString();
    }

    [Fact]
    public void The_catalogue_offers_council_tax_and_instalments()
    {
        // shared/contracts.md: the CLI and the API offer the same calculators from one registry.
        CalculatorCatalogue.Create().Kinds.ShouldContain("council-tax");
        CalculatorCatalogue.Create().Kinds.ShouldContain("instalments");
    }

    [Fact]
    public void Contract_example_gives_the_single_person_charge_and_its_instalments()
    {
        // LGFA 1992 s5(1), s11(1); CTAE Regs 1992 Sch 1 para 2(6): £1,520.09 in 10, the first takes the odd 9p.
        var result = Run(ContractExample);
        result["annualBandCharge"]!.GetValue<string>().ShouldBe("2026.79");
        result["daysLiable"]!.GetValue<int>().ShouldBe(365);
        result["daysInYear"]!.GetValue<int>().ShouldBe(365);
        result["grossCharge"]!.GetValue<string>().ShouldBe("2026.79");
        result["discountPercent"]!.GetValue<int>().ShouldBe(25);
        result["discount"]!.GetValue<string>().ShouldBe("506.70");
        result["premiumPercent"]!.GetValue<int>().ShouldBe(0);
        result["premium"]!.GetValue<string>().ShouldBe("0.00");
        result["reduction"]!.GetValue<string>().ShouldBe("0.00");
        result["netCharge"]!.GetValue<string>().ShouldBe("1520.09");
        var instalments = result["instalments"]!.AsArray();
        instalments.Count.ShouldBe(10);
        instalments[0]!.ToJsonString().ShouldBe("""{"due":"2025-04-01","amount":"152.09"}""");
        instalments[1]!.ToJsonString().ShouldBe("""{"due":"2025-05-01","amount":"152.00"}""");
        instalments[9]!["due"]!.GetValue<string>().ShouldBe("2026-01-01");
    }

    [Fact]
    public void Every_explanation_step_names_its_source_and_the_first_is_the_band_ratio()
    {
        // shared/contracts.md: explanation steps are {step, amount, source}, in the order of working.
        var steps = Run(ContractExample)["explanation"]!.AsArray();
        steps[0]!["step"]!.GetValue<string>().ShouldBe("Band C is 8/9 of Band D £2,280.14");
        steps[0]!["amount"]!.GetValue<string>().ShouldBe("2026.79");
        steps[0]!["source"]!.GetValue<string>().ShouldBe("LGFA 1992 s5(1)");
        steps.ShouldAllBe(s => s!["source"]!.GetValue<string>().Length > 0 && s["amount"]!.GetValue<string>().Contains('.'));
    }

    [Fact]
    public void Long_term_empty_premium_reports_its_segments()
    {
        // LGFA 1992 s11B (LURA 2023 s79): long-term empty from 1 October 2025, so two parts of the year.
        var input = JsonNode.Parse(With("bandDCharge", "\"1825.00\""))!.AsObject();
        input["band"] = "D";
        input["adultResidents"] = 0;
        input["premium"] = JsonNode.Parse("""{"kind": "long-term-empty", "emptySince": "2024-10-01"}""");
        input.Remove("instalments");
        var result = Run(input.ToJsonString());
        result["premiumPercent"]!.GetValue<int>().ShouldBe(100);
        result["premium"]!.GetValue<string>().ShouldBe("910.00");
        result["discountPercent"]!.GetValue<int>().ShouldBe(0);
        result["netCharge"]!.GetValue<string>().ShouldBe("2735.00");
        result["segments"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public void Exemption_class_charges_nothing()
    {
        // LGFA 1992 s4; Council Tax (Exempt Dwellings) Order 1992 Class F.
        var result = Run(With("exemptionClass", "\"F\""));
        result["netCharge"]!.GetValue<string>().ShouldBe("0.00");
        result["instalments"]!.AsArray().Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("band", "\"J\"", "band")]
    [InlineData("band", "null", "band")]
    [InlineData("financialYear", "null", "financialYear")]
    [InlineData("bandDCharge", "\"2280.145\"", "bandDCharge")]
    [InlineData("bandDCharge", "2280.14", "bandDCharge")]
    [InlineData("bandDCharge", "\"-1.00\"", "bandDCharge")]
    [InlineData("from", "\"2025-02-30\"", "from")]
    [InlineData("from", "\"2025-03-31\"", "from")]
    [InlineData("to", "\"2026-04-01\"", "to")]
    [InlineData("to", "\"1 April 2025\"", "to")]
    [InlineData("adultResidents", "-1", "adultResidents")]
    [InlineData("adultResidents", "null", "adultResidents")]
    [InlineData("disregardedResidents", "2", "disregardedResidents")]
    [InlineData("exemptionClass", "\"X\"", "exemptionClass")]
    [InlineData("exemptionClass", "\"A\"", "exemptionClass")]
    [InlineData("reductionAmount", "\"1.001\"", "reductionAmount")]
    [InlineData("premium", "{\"kind\": \"holiday-let\"}", "premium.kind")]
    [InlineData("premium", "{\"kind\": \"long-term-empty\"}", "premium.emptySince")]
    [InlineData("premium", "{\"kind\": \"second-home\", \"percent\": 150}", "premium.percent")]
    [InlineData("instalments", "{\"count\": -1, \"firstDue\": \"2025-04-01\"}", "instalments.count")]
    [InlineData("instalments", "{\"count\": 12, \"firstDue\": \"2025-05-01\"}", "instalments.count")]
    [InlineData("instalments", "{\"count\": 10, \"firstDue\": \"2026-04-01\"}", "instalments.firstDue")]
    [InlineData("instalments", "{\"count\": 10, \"firstDue\": \"2025-04-01\", \"dayOfMonth\": 32}", "instalments.dayOfMonth")]
    public void Bad_input_is_refused_naming_the_field(string field, string value, string expectedField)
    {
        // shared/contracts.md: invalid input gives {"error": {"field", "message"}} with the JSON path at fault.
        var (errorField, message) = Refused(With(field, value));
        errorField.ShouldBe(expectedField);
        message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void To_before_from_is_refused()
    {
        // LGFA 1992 s2: a period runs forwards within one financial year.
        var input = JsonNode.Parse(With("from", "\"2025-06-01\""))!.AsObject();
        input["to"] = "2025-05-31";
        Refused(input.ToJsonString()).Field.ShouldBe("to");
    }

    [Fact]
    public void Second_home_premium_before_2025_is_refused()
    {
        // LGFA 1992 s11C applies in England from 1 April 2025.
        var input = JsonNode.Parse(ContractExample)!.AsObject();
        input["financialYear"] = 2024;
        input["from"] = "2024-04-01";
        input["to"] = "2025-03-31";
        input["premium"] = JsonNode.Parse("""{"kind": "second-home", "percent": 100}""");
        input.Remove("instalments");
        Refused(input.ToJsonString()).Field.ShouldBe("premium.kind");
    }

    [Fact]
    public void Input_that_is_not_an_object_is_refused()
    {
        // shared/contracts.md: one JSON object per case.
        CalculatorCatalogue.Create().Run("council-tax", "[1, 2]").Json["error"]!["field"]!.GetValue<string>().ShouldBe("$");
    }
}
