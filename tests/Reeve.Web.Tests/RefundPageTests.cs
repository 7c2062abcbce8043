using System.Net;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class RefundPageTests(ReeveAppFixture app)
{
    private static Dictionary<string, string> CardRefund(string amount) => new()
    {
        ["amount"] = amount, ["method"] = "card", ["cardPaymentId"] = "pay-web-test", ["reason"] = "Paid twice by card",
    };

    private Task<string> StatusAsync(string reference) => app.QueryAsync<string>(
        "select r.status from refund_request r join account a on a.council_id = r.council_id and a.account_id = r.account_id " +
        "where a.council_id = @c and a.reference = @reference order by r.refund_id desc limit 1", new { c = app.HomeCouncil.Value, reference });

    [Fact]
    public async Task An_officer_asks_for_a_refund_above_the_limit_and_a_team_leader_approves_it_from_the_queue()
    {
        // The council's limit is £50.00: a £55.00 refund needs a second officer.
        await PaymentsSetup.RefundLimitAsync(app, 5_000);
        var reference = await PaymentsSetup.AccountInCreditAsync(app);
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        (await officer.GetPageAsync($"/accounts/{reference}/refund")).ShouldContain("£60.00");

        var asked = await officer.PostFormAsync($"/accounts/{reference}/refund", CardRefund("55.00"));

        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(reference)).ShouldBe("awaiting-approval");
        var refundId = await app.QueryAsync<long>("select max(refund_id) from refund_request where council_id = @c", new { c = app.HomeCouncil.Value });
        (await officer.GetPageAsync("/payments/refunds")).ShouldNotContain("value=\"approve\"");
        var refused = await officer.PostFormAsync("/payments/refunds", new() { ["refund"] = $"{refundId}", ["decision"] = "approve" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        (await leader.GetPageAsync("/payments/refunds")).ShouldContain($"id=\"refund-{refundId}\"");
        var approved = await leader.PostFormAsync("/payments/refunds", new() { ["refund"] = $"{refundId}", ["decision"] = "approve" });

        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(reference)).ShouldBe("approved");
        (await app.CountAsync("select count(*) from ledger_entry where council_id = @c and idempotency_key = @key",
            new { c = app.HomeCouncil.Value, key = $"refund:{refundId}" })).ShouldBe(1);
        (await leader.GetPageAsync($"/accounts/{reference}")).ShouldContain("letter confirming refund");
    }

    [Fact]
    public async Task A_refund_with_bank_details_that_fail_the_modulus_check_is_a_form_error()
    {
        var reference = await PaymentsSetup.AccountInCreditAsync(app);
        using var officer = await OfficerClient.SignedInAsync(app, "officer");

        var response = await officer.PostFormAsync($"/accounts/{reference}/refund", new()
        {
            ["amount"] = "10.00", ["method"] = "bank", ["accountName"] = "S HART", ["sortCode"] = "107999", ["accountNumber"] = "88837493",
            ["reason"] = "Moved away",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("href=\"#accountNumber\"");
        html.ShouldContain("not valid for that sort code");
        (await app.CountAsync("select count(*) from refund_request r join account a on a.council_id = r.council_id and a.account_id = r.account_id where a.reference = @reference",
            new { reference })).ShouldBe(0);
    }
}
