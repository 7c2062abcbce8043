using System.Net;
using System.Text.Json.Nodes;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class RatesCalculatorApiTests(ReeveAppFixture app)
{
    [Fact]
    public async Task The_business_rates_calculator_answers_through_the_api_as_on_the_command_line()
    {
        // shared/contracts.md example (2024, RV 13,500, SBRR and RHL): 6,736.50 less 3,368.25 and 2,526.19 is 842.06.
        using var anonymous = new OfficerClient(app.BaseAddress);
        var input = new Dictionary<string, object?>
        {
            ["financialYear"] = 2024, ["rateableValue"] = "13500", ["from"] = "2024-04-01", ["to"] = "2025-03-31", ["occupied"] = true,
            ["retailHospitalityLeisure"] = true, ["charity"] = false, ["smallBusinessRateRelief"] = true, ["emptySince"] = null, ["industrial"] = false,
        };

        var ok = await anonymous.PostJsonAsync("/api/v1/calc/business-rates", input);

        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var json = JsonNode.Parse(await ok.Content.ReadAsStringAsync())!;
        json["multiplier"]!.GetValue<string>().ShouldBe("49.9");
        json["grossRates"]!.GetValue<string>().ShouldBe("6736.50");
        json["netRates"]!.GetValue<string>().ShouldBe("842.06");

        input["rateableValue"] = "-13500";
        var bad = await anonymous.PostJsonAsync("/api/v1/calc/business-rates", input);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["error"]!["field"]!.GetValue<string>().ShouldBe("rateableValue");
    }
}
