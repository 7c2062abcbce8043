using System.Net;
using System.Text.Json.Nodes;

namespace Reeve.Web.Tests;

/// <summary>The sundry debt calculators on the JSON API, the same cases as `reeve calc` (shared/contracts.md).</summary>
[Collection(WebCollection.Name)]
public sealed class SundryApiTests(ReeveAppFixture app)
{
    [Fact]
    public async Task Late_payment_interest_and_the_county_court_fee_answer_on_the_api_and_refuse_naming_the_field()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);

        var interest = await anonymous.PostJsonAsync("/api/v1/calc/late-payment-interest", new { debt = "5000.00", dueDate = "2025-05-31", asAt = "2025-08-31" });
        var fee = await anonymous.PostJsonAsync("/api/v1/calc/county-court-claim-fee", new { claimAmount = "15432.00", route = "paper", date = "2021-06-01" });
        var tooLate = await anonymous.PostJsonAsync("/api/v1/calc/county-court-claim-fee", new { claimAmount = "500.00", route = "paper", date = "2025-06-01" });

        interest.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await interest.Content.ReadAsStringAsync())!["interest"]!.GetValue<string>().ShouldBe("160.68");
        fee.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await fee.Content.ReadAsStringAsync())!["fee"]!.GetValue<string>().ShouldBe("771.60");
        tooLate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLate.Content.ReadAsStringAsync()).ShouldContain("\"field\":\"date\"");
    }
}
