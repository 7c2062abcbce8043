using System.Net;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class CardPaymentPageTests(ReeveAppFixture app)
{
    [Fact]
    public async Task Without_gov_uk_pay_configured_the_page_says_so_and_the_webhook_is_not_there()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        (await client.GetPageAsync($"/accounts/{reference}/card-payment")).ShouldContain("Card payments are not set up");
        var posted = await client.PostFormAsync($"/accounts/{reference}/card-payment", new() { ["amount"] = "5.00" });
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await posted.Content.ReadAsStringAsync()).ShouldContain("govuk-error-summary");
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        (await anonymous.PostAsync("/payments/govuk-pay/webhook", new StringContent("{}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
