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
    public async Task A_bank_debit_taking_back_a_credit_that_matches_no_payment_is_shown_for_an_officer()
    {
        // Issue 21: a reversal on the demo council's collection account statement that no earlier credit matches.
        var key = "WEB-" + Guid.NewGuid().ToString("N")[..10];
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
              <GrpHdr><MsgId>{key}</MsgId><CreDtTm>2025-05-02T06:00:00</CreDtTm></GrpHdr>
              <Stmt><Id>{key}</Id><Acct><Id><Othr><Id>10799988837491</Id></Othr></Id><Ccy>GBP</Ccy></Acct>
                <Ntry><Amt Ccy="GBP">12.34</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>2025-05-01</Dt></BookgDt><AcctSvcrRef>{key}</AcctSvcrRef></Ntry>
              </Stmt>
            </BkToCstmrStmt></Document>
            """;
        (await Reeve.Payments.ImportPayments.ImportAsync(app.Database, new Reeve.Payments.ImportPayments.Request(app.HomeCouncil, $"{key}.xml",
                System.Text.Encoding.UTF8.GetBytes(xml), Reeve.Payments.Domain.Receipts.PaymentFileFormat.Camt053, null, "web test"),
            NodaTime.SystemClock.Instance.GetCurrentInstant())).ShouldBeOfType<Reeve.Payments.ImportPayments.Result.Imported>();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = await client.GetPageAsync("/payments/suspense");

        html.ShouldContain("Bank debits taking back a credit, for an officer");
        html.ShouldContain($"{key}.xml entry 1");
        html.ShouldContain($"The bank took back £12.34 ({key}, a reversal): no earlier credit to this account");

        // Without a note the officer is asked to say what was done; with one the debit is closed and leaves the list.
        var import = System.Text.RegularExpressions.Regex.Match(html, $@"(\d+): {key}\.xml entry 1").Groups[1].Value;
        var refused = await client.PostFormAsync("/payments/suspense?handler=CloseDebit", new() { ["import"] = import, ["line"] = "1", ["note"] = "" }, formPage: "/payments/suspense");
        var closed = await client.PostFormAsync("/payments/suspense?handler=CloseDebit",
            new() { ["import"] = import, ["line"] = "1", ["note"] = "Not ours: the bank corrected it next day" }, formPage: "/payments/suspense");
        var after = await client.GetPageAsync("/payments/suspense");

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Say what was done about the bank debit");
        closed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.ShouldNotContain($"{key}.xml entry 1");
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
