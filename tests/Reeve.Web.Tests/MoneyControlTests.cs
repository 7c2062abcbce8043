using System.Net;
using Reeve.Officers;

namespace Reeve.Web.Tests;

/// <summary>Issue 19's money controls, through the pages an officer uses.</summary>
[Collection(WebCollection.Name)]
public sealed class MoneyControlTests(ReeveAppFixture app)
{
    [Fact]
    public async Task Reversing_an_annual_bill_waits_for_a_team_leader_who_approves_it_from_the_reversals_queue()
    {
        // The council's limit is £50.00; an annual bill is far more, so reversing it is a write-off that needs a second officer.
        await PaymentsSetup.RefundLimitAsync(app, 5_000);
        var (reference, entryId) = await app.QueryAsync<(string, long)>(
            "select a.reference, e.entry_id from ledger_entry e join account a on a.council_id = e.council_id and a.account_id = e.account_id " +
            "where a.council_id = @c and e.kind = 'charge' and e.amount_pence > 5000 " +
            "and not exists (select 1 from ledger_entry r where r.council_id = e.council_id and r.reverses_entry_id = e.entry_id) " +
            "and not exists (select 1 from reversal_request q where q.council_id = e.council_id and q.entry_id = e.entry_id) order by e.entry_id desc limit 1",
            new { c = app.HomeCouncil.Value });
        var reversals = "select count(*) from ledger_entry where council_id = @c and reverses_entry_id = @entryId";
        var requester = await app.NewOfficerAsync(Role.Officer);
        using var officer = await OfficerClient.SignedInAsync(app, requester);

        var asked = await officer.PostFormAsync($"/accounts/{reference}/entries/{entryId}/reverse", new() { ["reason"] = "Billed in error" });

        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CountAsync(reversals, new { c = app.HomeCouncil.Value, entryId })).ShouldBe(0);
        (await officer.GetPageAsync("/payments/reversals")).ShouldNotContain("value=\"approve\"");
        var requestId = await app.QueryAsync<long>("select request_id from reversal_request where council_id = @c and entry_id = @entryId",
            new { c = app.HomeCouncil.Value, entryId });
        (await officer.PostFormAsync("/payments/reversals", new() { ["request"] = $"{requestId}", ["decision"] = "approve" })).StatusCode
            .ShouldBe(HttpStatusCode.OK);
        (await app.CountAsync(reversals, new { c = app.HomeCouncil.Value, entryId })).ShouldBe(0);

        using var admin = await OfficerClient.SignedInAsync(app, "admin");
        var refused = await admin.PostFormAsync("/payments/reversals", new() { ["request"] = $"{requestId}", ["decision"] = "approve" });
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("may not approve or make money steps");

        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        (await leader.GetPageAsync("/payments/reversals")).ShouldContain($"id=\"reversal-{requestId}\"");
        var approved = await leader.PostFormAsync("/payments/reversals", new() { ["request"] = $"{requestId}", ["decision"] = "approve" });

        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CountAsync(reversals, new { c = app.HomeCouncil.Value, entryId })).ShouldBe(1);
        (await app.CountAsync("select count(*) from audit_log where officer = 'teamleader' and detail like 'Approved the reversal of ledger entry ' || @entryId || ' %'",
            new { entryId = entryId.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBe(1);
    }

    [Fact]
    public async Task A_system_administrator_cannot_approve_a_refund_and_is_told_why()
    {
        await PaymentsSetup.RefundLimitAsync(app, 5_000);
        var reference = await PaymentsSetup.AccountInCreditAsync(app);
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        (await officer.PostFormAsync($"/accounts/{reference}/refund", new()
        {
            ["amount"] = "55.00", ["method"] = "card", ["cardPaymentId"] = "pay-admin-test", ["reason"] = "Paid twice by card",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refundId = await app.QueryAsync<long>("select max(refund_id) from refund_request where council_id = @c", new { c = app.HomeCouncil.Value });
        using var admin = await OfficerClient.SignedInAsync(app, "admin");

        (await admin.GetPageAsync("/payments/refunds")).ShouldNotContain("value=\"approve\"");
        var refused = await admin.PostFormAsync("/payments/refunds", new() { ["refund"] = $"{refundId}", ["decision"] = "approve" }, formPage: "/payments/refunds");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.QueryAsync<string>("select status from refund_request where council_id = @c and refund_id = @refundId",
            new { c = app.HomeCouncil.Value, refundId })).ShouldBe("awaiting-approval");
    }

    [Fact]
    public async Task The_api_reverses_through_the_same_controls_as_the_page()
    {
        await PaymentsSetup.RefundLimitAsync(app, 5_000);
        var (reference, charge) = await app.QueryAsync<(string, long)>(
            "select a.reference, e.entry_id from ledger_entry e join account a on a.council_id = e.council_id and a.account_id = e.account_id " +
            "where a.council_id = @c and e.kind = 'charge' and e.amount_pence > 5000 " +
            "and not exists (select 1 from ledger_entry r where r.council_id = e.council_id and r.reverses_entry_id = e.entry_id) " +
            "and not exists (select 1 from reversal_request q where q.council_id = e.council_id and q.entry_id = e.entry_id) order by e.entry_id limit 1",
            new { c = app.HomeCouncil.Value });
        using var officer = await OfficerClient.SignedInAsync(app, "officer");

        var waiting = await officer.PostJsonAsync($"/api/v1/accounts/{reference}/ledger/{charge}/reversal", new { reason = "Billed in error" });

        waiting.StatusCode.ShouldBe(HttpStatusCode.Accepted, await waiting.Content.ReadAsStringAsync());
        (await waiting.Content.ReadAsStringAsync()).ShouldContain("waiting-for-approval");
        (await app.CountAsync("select count(*) from ledger_entry where council_id = @c and reverses_entry_id = @charge", new { c = app.HomeCouncil.Value, charge }))
            .ShouldBe(0);
        (await officer.PostJsonAsync($"/api/v1/accounts/{reference}/ledger/{charge}/reversal", new { reason = "Again" })).StatusCode
            .ShouldBe(HttpStatusCode.Conflict);
        using var admin = await OfficerClient.SignedInAsync(app, "admin");
        (await admin.PostJsonAsync($"/api/v1/accounts/{reference}/ledger/{charge}/reversal", new { reason = "Billed in error" })).StatusCode
            .ShouldBe(HttpStatusCode.Conflict);
    }
}
