using System.Net;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class SuspensePageTests(ReeveAppFixture app)
{
    [Fact]
    public async Task The_queue_shows_an_item_with_the_account_one_slip_away_suggested()
    {
        var reference = await app.AccountReferenceAsync();
        var item = await PaymentsSetup.SuspenseItemNearAsync(app, reference, 12_345);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = await client.GetPageAsync("/payments/suspense");

        html.ShouldContain($"id=\"item-{item}\"");
        html.ShouldContain("£123.45");
        html.ShouldContain($"<input type=\"hidden\" name=\"account\" value=\"{reference}\">");
    }

    [Fact]
    public async Task One_click_allocation_posts_the_payment_to_the_account_and_is_audited()
    {
        var reference = await app.AccountReferenceAsync();
        var item = await PaymentsSetup.SuspenseItemNearAsync(app, reference, 4_321);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var args = new { c = app.HomeCouncil.Value, item = item.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var response = await client.PostFormAsync("/payments/suspense",
            new() { ["item"] = args.item, ["account"] = reference });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.QueryAsync<string>("select status from suspense_item where council_id = @c and item_id = @item", new { args.c, item })).ShouldBe("allocated");
        (await app.CountAsync("select count(*) from ledger_entry where council_id = @c and idempotency_key like @key",
            new { args.c, key = $"suspense:{item}%" })).ShouldBeGreaterThan(0);
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and subject_kind = 'suspense-item' and subject_id = @item and action = 'change'", args))
            .ShouldBe(1);
        (await client.GetPageAsync("/payments/suspense")).ShouldNotContain($"id=\"item-{item}\"");
    }

    [Fact]
    public async Task A_mistyped_account_reference_is_a_form_error_and_posts_nothing()
    {
        var reference = await app.AccountReferenceAsync();
        var item = await PaymentsSetup.SuspenseItemNearAsync(app, reference, 999);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.PostFormAsync("/payments/suspense",
            new() { ["item"] = item.ToString(System.Globalization.CultureInfo.InvariantCulture), ["account"] = "12345" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain($"href=\"#account-{item}\"");
        (await app.QueryAsync<string>("select status from suspense_item where council_id = @c and item_id = @item", new { c = app.HomeCouncil.Value, item })).ShouldBe("open");
    }

    [Fact]
    public async Task An_auditor_sees_the_queue_but_may_not_allocate()
    {
        var reference = await app.AccountReferenceAsync();
        var item = await PaymentsSetup.SuspenseItemNearAsync(app, reference, 777);
        using var auditor = await OfficerClient.SignedInAsync(app, "auditor");

        (await auditor.GetPageAsync("/payments/suspense")).ShouldNotContain("name=\"account\"");
        var post = await auditor.PostFormAsync("/payments/suspense",
            new() { ["item"] = item.ToString(System.Globalization.CultureInfo.InvariantCulture), ["account"] = reference });

        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.QueryAsync<string>("select status from suspense_item where council_id = @c and item_id = @item", new { c = app.HomeCouncil.Value, item })).ShouldBe("open");
    }
}
