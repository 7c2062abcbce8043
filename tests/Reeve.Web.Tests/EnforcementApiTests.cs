using System.Net;
using System.Text.Json.Nodes;

namespace Reeve.Web.Tests;

/// <summary>The enforcement calculators on the JSON API, the same cases as `reeve calc` (shared/contracts.md).</summary>
[Collection(WebCollection.Name)]
public sealed class EnforcementApiTests(ReeveAppFixture app)
{
    [Fact]
    public async Task Attachment_of_earnings_and_enforcement_fees_answer_on_the_api_and_refuse_naming_the_field()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);

        // CTAE Regs 1992 Sch 4 Table A: 12% of £300.00; SI 2014/1 Schedule Table 1: £75.00 and £235.00 + 7.5% of £500.00.
        var deduction = await anonymous.PostJsonAsync("/api/v1/calc/attachment-of-earnings", new { netEarnings = "300.00", payPeriod = "weekly", payDate = "2026-01-09" });
        var fees = await anonymous.PostJsonAsync("/api/v1/calc/enforcement-fees", new { debt = "2000.00", stagesReached = new[] { "compliance", "enforcement" }, date = "2026-01-09" });
        var skipped = await anonymous.PostJsonAsync("/api/v1/calc/enforcement-fees", new { debt = "2000.00", stagesReached = new[] { "sale" }, date = "2026-01-09" });

        deduction.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await deduction.Content.ReadAsStringAsync())!["deduction"]!.GetValue<string>().ShouldBe("36.00");
        fees.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await fees.Content.ReadAsStringAsync())!["total"]!.GetValue<string>().ShouldBe("347.50");
        skipped.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await skipped.Content.ReadAsStringAsync()).ShouldContain("\"field\":\"stagesReached\"");
    }
}
