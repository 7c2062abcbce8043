using System.Text.Json.Nodes;
using Reeve.Calculators;

namespace Reeve.BusinessRates.Tests.Features.CalculateRates;

/// <summary>
/// Hand-worked cases for `business-rates` (shared/contracts.md), run through the catalogue the CLI and the API use.
/// Each case's arithmetic is in its comment: RV x multiplier x days / days in year, rounded once, then the reliefs.
/// </summary>
public class BusinessRatesCalculatorTests
{
    private static JsonObject Run(string json)
    {
        var (ok, result) = CalculatorCatalogue.Create().Run("business-rates", json);
        ok.ShouldBeTrue(result.ToJsonString());
        return result;
    }

    private static string Case(int year, string rv, string from, string to, bool occupied = true, bool rhl = false, bool charity = false,
        bool sbrr = false, string? emptySince = null, bool industrial = false) =>
        new JsonObject
        {
            ["financialYear"] = year, ["rateableValue"] = rv, ["from"] = from, ["to"] = to, ["occupied"] = occupied,
            ["retailHospitalityLeisure"] = rhl, ["charity"] = charity, ["smallBusinessRateRelief"] = sbrr,
            ["emptySince"] = emptySince, ["industrial"] = industrial,
        }.ToJsonString();

    private static string FullYear(int year, string rv, bool occupied = true, bool rhl = false, bool charity = false, bool sbrr = false, string? emptySince = null) =>
        Case(year, rv, $"{year}-04-01", $"{year + 1}-03-31", occupied, rhl, charity, sbrr, emptySince);

    private static List<(string Kind, int Percent, string Amount)> Reliefs(JsonObject result) =>
        [.. result["reliefs"]!.AsArray().Select(r => ((string)r!["kind"]!, (int)r["percent"]!, (string)r["amount"]!))];

    [Fact]
    public void The_contract_example_2024_small_business_taper_then_retail_relief()
    {
        // 13,500 x 49.9p = 6,736.50; SBRR E = 3,000 / 1,500 = 2, 50% = 3,368.25; RHL 75% of 3,368.25 = 2,526.19; net 842.06.
        var result = Run(FullYear(2024, "13500", rhl: true, sbrr: true));

        ((string)result["multiplier"]!).ShouldBe("49.9");
        ((string)result["grossRates"]!).ShouldBe("6736.50");
        Reliefs(result).ShouldBe([("small-business", 50, "3368.25"), ("retail-hospitality-leisure", 75, "2526.19")]);
        ((string)result["netRates"]!).ShouldBe("842.06");
        var first = result["explanation"]!.AsArray()[0]!;
        ((string)first["amount"]!).ShouldBe("6736.50");
        ((string)first["source"]!).ShouldBe("LGFA 1988 s43(4)");
    }

    [Theory]
    // 2023/24: small multiplier only when occupied and without charitable relief.
    [InlineData(2023, "20000", true, false, "49.9", "9980.00")]   // 20,000 x 49.9p
    [InlineData(2023, "51000", true, false, "51.2", "26112.00")]  // 51,000 x 51.2p: at the threshold, standard
    [InlineData(2023, "20000", false, false, "51.2", "10240.00")] // empty for years: standard, 20,000 x 51.2p
    [InlineData(2023, "20000", true, true, "51.2", "10240.00")]   // charity: standard (relief checked below)
    // 2024/25 and 2025/26: small multiplier for every hereditament under 51,000 (Non-Domestic Rating Act 2023).
    [InlineData(2024, "20000", false, false, "49.9", "9980.00")]
    [InlineData(2024, "100000", true, false, "54.6", "54600.00")]
    [InlineData(2025, "50999", true, false, "49.9", "25448.50")]  // 50,999 x 49.9p = 25,448.501
    [InlineData(2025, "51000", true, false, "55.5", "28305.00")]
    [InlineData(2025, "100000", false, false, "55.5", "55500.00")]
    public void Each_multiplier_to_2025_applies_by_rateable_value_occupation_and_charity(int year, string rv, bool occupied, bool charity, string multiplier, string gross)
    {
        var result = Run(FullYear(year, rv, occupied: occupied, charity: charity, emptySince: occupied ? null : "2020-01-01"));

        ((string)result["multiplier"]!).ShouldBe(multiplier);
        ((string)result["grossRates"]!).ShouldBe(gross);
    }

    [Theory]
    [InlineData("20000", true, true, "38.2", "small-business-rhl", "7640.00")]    // 20,000 x 38.2p
    [InlineData("80000", true, true, "43.0", "standard-rhl", "34400.00")]         // 80,000 x 43.0p
    [InlineData("20000", true, false, "43.2", "national-small-business", "8640.00")]
    [InlineData("80000", true, false, "48.0", "national-standard", "38400.00")]
    [InlineData("499999", true, true, "43.0", "standard-rhl", "214999.57")]       // 499,999 x 43.0p = 214,999.57
    [InlineData("500000", true, true, "50.8", "high-value", "254000.00")]         // high-value for every property from 500,000
    [InlineData("600000", true, false, "50.8", "high-value", "304800.00")]
    [InlineData("20000", false, true, "43.2", "national-small-business", "8640.00")] // RHL multipliers are for occupied property only
    public void From_2026_the_five_multipliers_apply_by_use_and_rateable_value(string rv, bool occupied, bool rhl, string multiplier, string kind, string gross)
    {
        var result = Run(FullYear(2026, rv, occupied: occupied, rhl: rhl, emptySince: occupied ? null : "2020-01-01"));

        ((string)result["multiplier"]!).ShouldBe(multiplier);
        ((string)result["multiplierKind"]!).ShouldBe(kind);
        ((string)result["grossRates"]!).ShouldBe(gross);
        Reliefs(result).ShouldBeEmpty(); // no RHL relief from 2026/27 and no empty relief after years empty
        ((string)result["netRates"]!).ShouldBe(gross);
    }

    [Theory]
    // SI 2017/102 art 3: 100% to 12,000; 100 x (1 - 1/E), E = 3,000 / (RV - 12,000) to three places; none from 15,000.
    [InlineData("12000", "5988.00", 100, "5988.00", "0.00")]    // full relief at the lower edge
    [InlineData("12001", "5988.50", 100, "5986.50", "2.00")]    // E = 3000.000: 5,988.50 x 2,999/3,000 = 5,986.50 (99.97% shown as 100)
    [InlineData("12600", "6287.40", 80, "5029.92", "1257.48")]  // E = 5: 80%
    [InlineData("13000", "6487.00", 67, "4324.67", "2162.33")]  // E = 3: 6,487 x 2/3 = 4,324.667
    public void Small_business_rate_relief_tapers_between_12000_and_15000(string rv, string gross, int percent, string relief, string net)
    {
        var result = Run(FullYear(2025, rv, sbrr: true));

        ((string)result["grossRates"]!).ShouldBe(gross);
        Reliefs(result).ShouldBe([("small-business", percent, relief)]);
        ((string)result["netRates"]!).ShouldBe(net);
    }

    [Theory]
    [InlineData("14999")] // E = 3,000 / 2,999 = 1.000 to three places: nothing
    [InlineData("15000")]
    public void Small_business_rate_relief_gives_nothing_at_the_upper_edge(string rv)
    {
        Reliefs(Run(FullYear(2025, rv, sbrr: true))).ShouldBeEmpty();
    }

    [Theory]
    // LGFA 1988 s43(5)-(6): 80% mandatory charitable relief; no small business rate relief with it.
    [InlineData(2023, "51.2", "10240.00", "8192.00", "2048.00")]
    [InlineData(2024, "49.9", "9980.00", "7984.00", "1996.00")]
    [InlineData(2025, "49.9", "9980.00", "7984.00", "1996.00")]
    [InlineData(2026, "43.2", "8640.00", "6912.00", "1728.00")]
    public void Charitable_relief_is_80_percent_and_excludes_small_business_relief(int year, string multiplier, string gross, string relief, string net)
    {
        var result = Run(FullYear(year, "20000", charity: true, sbrr: true));

        ((string)result["multiplier"]!).ShouldBe(multiplier);
        ((string)result["grossRates"]!).ShouldBe(gross);
        Reliefs(result).ShouldBe([("charity", 80, relief)]);
        ((string)result["netRates"]!).ShouldBe(net);
    }

    [Fact]
    public void Retail_hospitality_and_leisure_relief_is_40_percent_in_2025()
    {
        // 20,000 x 49.9p = 9,980.00; 40% = 3,992.00.
        var result = Run(FullYear(2025, "20000", rhl: true));

        Reliefs(result).ShouldBe([("retail-hospitality-leisure", 40, "3992.00")]);
        ((string)result["netRates"]!).ShouldBe("5988.00");
    }

    [Fact]
    public void A_part_year_is_apportioned_by_day()
    {
        // 1 October 2025 to 31 March 2026 is 182 days: 40,000 x 49.9p x 182 / 365 = 9,952.658 -> 9,952.66.
        var result = Run(Case(2025, "40000", "2025-10-01", "2026-03-31"));

        ((int)result["days"]!).ShouldBe(182);
        ((int)result["daysInYear"]!).ShouldBe(365);
        ((string)result["grossRates"]!).ShouldBe("9952.66");
    }

    [Fact]
    public void A_leap_year_divides_by_366()
    {
        // 2023/24 holds 29 February 2024. 1 February to 31 March 2024 is 60 days: 25,000 x 49.9p x 60 / 366 = 2,045.08.
        var result = Run(Case(2023, "25000", "2024-02-01", "2024-03-31"));

        ((int)result["days"]!).ShouldBe(60);
        ((int)result["daysInYear"]!).ShouldBe(366);
        ((string)result["grossRates"]!).ShouldBe("2045.08");
    }

    [Theory]
    // SI 2008/386 reg 4: empty since 1 March 2025, liable from 1 June (61 days free in the year) or, industrial, from 1 September (153).
    [InlineData(false, "3335.78", "16624.22")] // 19,960 x 61 / 365 = 3,335.78
    [InlineData(true, "8366.79", "11593.21")]  // 19,960 x 153 / 365 = 8,366.79
    public void An_empty_hereditament_is_not_liable_for_its_free_period(bool industrial, string relief, string net)
    {
        var result = Run(Case(2025, "40000", "2025-04-01", "2026-03-31", occupied: false, emptySince: "2025-03-01", industrial: industrial));

        ((string)result["grossRates"]!).ShouldBe("19960.00");
        Reliefs(result).ShouldBe([("empty-property", 100, relief)]);
        ((string)result["netRates"]!).ShouldBe(net);
    }

    [Fact]
    public void An_empty_hereditament_under_2900_is_never_liable()
    {
        var result = Run(FullYear(2025, "2500", occupied: false, emptySince: "2010-01-01"));

        Reliefs(result).ShouldBe([("empty-property", 100, "1247.50")]);
        ((string)result["netRates"]!).ShouldBe("0.00");
    }

    [Theory]
    [InlineData("""{"financialYear":2025,"rateableValue":"-100","from":"2025-04-01","to":"2026-03-31","occupied":true}""", "rateableValue")]
    [InlineData("""{"financialYear":2025,"rateableValue":"12.5","from":"2025-04-01","to":"2026-03-31","occupied":true}""", "rateableValue")]
    [InlineData("""{"financialYear":2025,"rateableValue":13500,"from":"2025-04-01","to":"2026-03-31","occupied":true}""", "rateableValue")]
    [InlineData("""{"financialYear":2025,"rateableValue":"100","from":"2025-03-31","to":"2026-03-31","occupied":true}""", "from")]
    [InlineData("""{"financialYear":2025,"rateableValue":"100","from":"2025-05-01","to":"2025-04-30","occupied":true}""", "to")]
    [InlineData("""{"financialYear":2025,"rateableValue":"100","from":"2025-04-01","to":"2026-03-31"}""", "occupied")]
    [InlineData("""{"financialYear":2025,"rateableValue":"100","from":"2025-04-01","to":"2026-03-31","occupied":false}""", "emptySince")]
    [InlineData("""{"financialYear":2022,"rateableValue":"100","from":"2022-04-01","to":"2023-03-31","occupied":true}""", "financialYear")]
    public void Invalid_input_is_refused_naming_the_field(string json, string field)
    {
        var (ok, result) = CalculatorCatalogue.Create().Run("business-rates", json);

        ok.ShouldBeFalse();
        ((string)result["error"]!["field"]!).ShouldBe(field);
    }
}
