using System.Text.Json.Nodes;
using Reeve.Calculators;

namespace Reeve.Sundry.Tests.Features.CalculateCourtFee;

/// <summary>
/// `county-court-claim-fee` (shared/contracts.md): Civil Proceedings Fees Order 2008 Sch 1 fees 1.1 (paper) and 1.2 (online) as
/// substituted by SI 2015/576, the online discount removed by SI 2021/588 from 18 May 2021; percentage fees rounded down to the penny.
/// </summary>
public sealed class CourtFeeCalculatorTests
{
    private static JsonObject Run(string claim, string route, string date, bool ok = true)
    {
        var (succeeded, result) = CalculatorCatalogue.Create().Run("county-court-claim-fee",
            $$"""{ "claimAmount": "{{claim}}", "route": "{{route}}", "date": "{{date}}" }""");
        succeeded.ShouldBe(ok, result.ToJsonString());
        return result;
    }

    [Theory]
    [InlineData("0.01", "35.00")]
    [InlineData("300.00", "35.00")]
    [InlineData("300.01", "50.00")]
    [InlineData("500.00", "50.00")]
    [InlineData("500.01", "70.00")]
    [InlineData("1000.00", "70.00")]
    [InlineData("1000.01", "80.00")]
    [InlineData("1500.00", "80.00")]
    [InlineData("1500.01", "115.00")]
    [InlineData("3000.00", "115.00")]
    [InlineData("3000.01", "205.00")]
    [InlineData("5000.00", "205.00")]
    [InlineData("5000.01", "455.00")]
    [InlineData("10000.00", "455.00")]
    [InlineData("10000.01", "500.00")] // 5% = 500.0005
    [InlineData("10000.19", "500.00")] // 5% = 500.0095: rounded down, not to 500.01
    [InlineData("15432.00", "771.60")] // the contract's example
    [InlineData("200000.00", "10000.00")]
    [InlineData("200000.01", "10000.00")]
    [InlineData("1000000.00", "10000.00")]
    public void Paper_claims_pay_fee_1_1_by_band_with_both_ends_of_each_band(string claim, string fee) =>
        Run(claim, "paper", "2021-06-01")["fee"]!.GetValue<string>().ShouldBe(fee);

    [Theory]
    [InlineData("300.00", "25.00")]
    [InlineData("300.01", "35.00")]
    [InlineData("1000.00", "60.00")]
    [InlineData("5000.01", "410.00")]
    [InlineData("10000.00", "410.00")]
    [InlineData("10000.19", "450.00")] // 4.5% = 450.0085, rounded down
    [InlineData("100000.00", "4500.00")]
    public void Online_claims_before_18_May_2021_pay_the_discounted_fee_1_2(string claim, string fee) =>
        Run(claim, "online", "2020-01-15")["fee"]!.GetValue<string>().ShouldBe(fee);

    [Fact]
    public void Online_claims_over_100000_before_18_May_2021_are_refused_naming_the_claim() =>
        Run("100000.01", "online", "2021-05-17", ok: false)["error"]!["field"]!.GetValue<string>().ShouldBe("claimAmount");

    [Fact]
    public void The_online_discount_ends_on_18_May_2021()
    {
        Run("300.00", "online", "2021-05-17")["fee"]!.GetValue<string>().ShouldBe("25.00");
        Run("300.00", "online", "2021-05-18")["fee"]!.GetValue<string>().ShouldBe("35.00");
        Run("15432.00", "online", "2021-05-18")["fee"]!.GetValue<string>().ShouldBe("771.60");
    }

    [Theory]
    [InlineData("2015-03-08")] // before SI 2015/576
    [InlineData("2021-09-17")] // after the last confirmed day; later increases (SI 2024/476, SI 2025/351) not yet confirmed
    public void A_date_without_a_confirmed_table_is_refused_naming_the_date(string date) =>
        Run("500.00", "paper", date, ok: false)["error"]!["field"]!.GetValue<string>().ShouldBe("date");

    [Fact]
    public void The_explanation_names_the_band_and_the_fee_in_the_order()
    {
        var steps = Run("1200.00", "paper", "2021-06-01")["explanation"]!.AsArray();
        steps.Count.ShouldBe(2);
        steps[1]!["amount"]!.GetValue<string>().ShouldBe("80.00");
        steps[1]!["source"]!.GetValue<string>().ShouldContain("1.1(d)");
    }

    [Theory]
    [InlineData("""{ "claimAmount": "0.00", "route": "paper", "date": "2021-06-01" }""", "claimAmount")]
    [InlineData("""{ "claimAmount": "100.00", "route": "fax", "date": "2021-06-01" }""", "route")]
    [InlineData("""{ "claimAmount": "100.00", "route": "paper" }""", "date")]
    public void Bad_input_is_refused_naming_the_field(string json, string field)
    {
        var (ok, result) = CalculatorCatalogue.Create().Run("county-court-claim-fee", json);
        ok.ShouldBeFalse();
        result["error"]!["field"]!.GetValue<string>().ShouldBe(field);
    }
}
