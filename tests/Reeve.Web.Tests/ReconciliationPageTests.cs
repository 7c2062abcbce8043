namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ReconciliationPageTests(ReeveAppFixture app)
{
    [Fact]
    public async Task The_page_lists_a_days_receipts_by_channel_with_suspense_apart()
    {
        var reference = await app.AccountReferenceAsync();
        await PaymentsSetup.SuspenseItemNearAsync(app, reference, 1_111);
        using var client = await OfficerClient.SignedInAsync(app, "auditor");
        var today = CouncilTaxSetup.Today;

        var html = await client.GetPageAsync($"/payments/reconciliation?day-day={today.Day}&day-month={today.Month}&day-year={today.Year}");

        html.ShouldContain("id=\"channels\"");
        html.ShouldContain("suspense (no file)");
        html.ShouldContain("data-testid=\"reconciliation-result\"");
    }
}
