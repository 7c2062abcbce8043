using System.Net;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class AccountPageTests(ReeveAppFixture app)
{
    [Fact]
    public async Task The_account_page_shows_summary_ledger_with_running_balance_and_timeline()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = await client.GetPageAsync($"/accounts/{reference}");

        html.ShouldContain(reference);
        html.ShouldContain("id=\"ledger\"");
        html.ShouldContain("data-testid=\"running-balance\"");
        html.ShouldContain("Balance by financial year");
        html.ShouldContain("£");
        html.ShouldContain("Change<span class=\"govuk-visually-hidden\"> payment method");
    }

    [Fact]
    public async Task Every_view_of_an_account_adds_an_audit_row()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        const string count = "select count(*) from audit_log where council_id = @c and subject_kind = 'account' and subject_id = @reference and action = 'view'";
        var before = await app.CountAsync(count, new { reference, c = app.HomeCouncil.Value });

        await client.GetPageAsync($"/accounts/{reference}");
        await client.GetPageAsync($"/accounts/{reference}");
        await client.GetJsonAsync($"/api/v1/accounts/{reference}");

        (await app.CountAsync(count, new { reference, c = app.HomeCouncil.Value })).ShouldBe(before + 3);
    }

    [Fact]
    public async Task An_auditor_may_read_but_not_change_the_payment_method()
    {
        var reference = await app.AccountReferenceAsync();
        using var auditor = await OfficerClient.SignedInAsync(app, "auditor");

        (await auditor.GetPageAsync($"/accounts/{reference}")).ShouldNotContain("/payment-method\"");
        (await auditor.GetAsync($"/accounts/{reference}/payment-method")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var post = await auditor.PostFormAsync($"/accounts/{reference}/payment-method",
            new() { ["paymentMethod"] = "card", ["version"] = "1" }, formPage: "/");
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.PostJsonAsync($"/api/v1/accounts/{reference}/payment-method", new { paymentMethod = "card", version = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_officer_changes_the_payment_method_and_it_is_on_the_timeline_and_audited()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var (method, version) = await CurrentAsync(reference);
        var next = method == "card" ? "bank-transfer" : "card";

        var response = await client.PostFormAsync($"/accounts/{reference}/payment-method",
            new() { ["paymentMethod"] = next, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/accounts/{reference}");
        var page = await client.GetPageAsync($"/accounts/{reference}");
        page.ShouldContain("Payment method changed to");
        page.ShouldContain("Payment method changed from");
        (await CurrentAsync(reference)).ShouldBe((next, version + 1));
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and subject_id = @reference and action = 'change'", new { reference, c = app.HomeCouncil.Value })).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_the_concurrency_message()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "teamleader");
        var (method, version) = await CurrentAsync(reference);
        var next = method == "direct-debit" ? "cash" : "direct-debit";
        var stale = (version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (version == 1)
        {
            // Make the version move on first, as another officer saving would.
            (await client.PostJsonAsync($"/api/v1/accounts/{reference}/payment-method", new { paymentMethod = next, version }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
            stale = "1";
        }

        var page = await client.PostFormAsync($"/accounts/{reference}/payment-method", new() { ["paymentMethod"] = "cash", ["version"] = stale });
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).ShouldContain(Concurrency.ConflictMessage);

        var api = await client.PostJsonAsync($"/api/v1/accounts/{reference}/payment-method", new { paymentMethod = "cash", version = int.Parse(stale, System.Globalization.CultureInfo.InvariantCulture) });
        api.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await api.Content.ReadAsStringAsync()).ShouldContain("\"field\":\"version\"");
    }

    [Fact]
    public async Task An_officer_reverses_a_ledger_line_with_a_reason()
    {
        var reference = await app.AccountReferenceAsync();
        var entryId = await app.QueryAsync<long>(
            "select e.entry_id from ledger_entry e join account a on a.council_id = e.council_id and a.account_id = e.account_id " +
            "where a.council_id = @c and a.reference = @reference and e.kind = 'payment' and not exists (select 1 from ledger_entry r where r.council_id = e.council_id and r.reverses_entry_id = e.entry_id) order by e.entry_id desc limit 1",
            new { reference, c = app.HomeCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "manager");
        var path = $"/accounts/{reference}/entries/{entryId}/reverse";

        var missingReason = await client.PostFormAsync(path, new() { ["reason"] = "" });
        (await missingReason.Content.ReadAsStringAsync()).ShouldContain("Say why the entry is being reversed");

        var done = await client.PostFormAsync(path, new() { ["reason"] = "Payment returned unpaid by the bank" });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CountAsync("select count(*) from ledger_entry where council_id = @c and reverses_entry_id = @entryId", new { entryId, c = app.HomeCouncil.Value })).ShouldBe(1);
        (await app.CountAsync("select count(*) from account_event where kind = 'entry-reversed' and summary like '%returned unpaid%'")).ShouldBe(1);
        var page = await client.GetPageAsync($"/accounts/{reference}");
        page.ShouldContain("Payment returned unpaid by the bank");
        (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await client.PostFormAsync(path, new() { ["reason"] = "twice" });
        (await again.Content.ReadAsStringAsync()).ShouldContain("already been reversed");
    }

    [Fact]
    public async Task Records_of_another_council_are_not_found_until_the_officer_switches_to_it()
    {
        // Each council numbers its own accounts, so the same reference can name a different account in each.
        var uprn = await app.QueryAsync<long>("select uprn from property where council_id = @c order by uprn limit 1", new { c = app.OtherCouncil.Value });
        var (reference, otherUprn) = await app.QueryAsync<(string, long)>(
            "select reference, uprn from account where council_id = @c and uprn is not null order by account_id limit 1", new { c = app.OtherCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "admin");
        (await client.GetAsync($"/properties/{uprn}?council={app.HomeCouncil.Value}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/properties/{uprn}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var before = await client.GetAsync($"/api/v1/accounts/{reference}");
        if (before.StatusCode == HttpStatusCode.OK)
        {
            System.Text.Json.Nodes.JsonNode.Parse(await before.Content.ReadAsStringAsync())!["uprn"]!.GetValue<long>().ShouldNotBe(otherUprn);
        }

        var switched = await client.PostFormAsync("/council", new() { ["councilId"] = app.OtherCouncil.ToString() }, formPage: "/");

        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync($"/properties/{uprn}?council={app.OtherCouncil.Value}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetJsonAsync($"/api/v1/accounts/{reference}"))["uprn"]!.GetValue<long>().ShouldBe(otherUprn);
    }

    [Fact]
    public async Task A_shared_service_officer_s_record_page_names_its_council_in_the_link()
    {
        // Each council numbers its own records: the address an officer of several councils copies must say whose record it is.
        var uprn = await app.QueryAsync<long>("select uprn from property where council_id = @c order by uprn limit 1", new { c = app.HomeCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "admin");

        var bare = await client.GetRawAsync($"/properties/{uprn}");

        bare.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        bare.Headers.Location!.ToString().ShouldBe($"/properties/{uprn}?council={app.HomeCouncil.Value}");
        (await client.GetAsync(bare.Headers.Location!.ToString())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_link_for_another_of_the_officer_s_councils_asks_to_switch_and_then_opens_that_council_s_record()
    {
        // The same link opens the same record whichever council the officer happens to be working on.
        var uprn = await app.QueryAsync<long>("select uprn from property where council_id = @c order by uprn limit 1", new { c = app.OtherCouncil.Value });
        var link = $"/properties/{uprn}?council={app.OtherCouncil.Value}";
        using var client = await OfficerClient.SignedInAsync(app, "admin");

        var asked = await client.GetRawAsync(link);
        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var question = asked.Headers.Location!.ToString();
        question.ShouldStartWith($"/council?to={app.OtherCouncil.Value}");
        var page = WebUtility.HtmlDecode(await client.GetPageAsync(question));
        page.ShouldContain("This link is for");
        var switched = await client.PostFormAsync("/council", new() { ["councilId"] = app.OtherCouncil.ToString(), ["returnUrl"] = link }, formPage: question);

        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        switched.Headers.Location!.ToString().ShouldBe(link);
        (await client.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_link_for_a_council_the_officer_does_not_work_for_is_not_found()
    {
        var uprn = await app.QueryAsync<long>("select uprn from property where council_id = @c order by uprn limit 1", new { c = app.OtherCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(Role.Officer));

        (await client.GetRawAsync($"/properties/{uprn}?council={app.OtherCouncil.Value}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_officer_of_one_council_cannot_switch_to_another()
    {
        var username = await app.NewOfficerAsync(Role.Officer);
        using var client = await OfficerClient.SignedInAsync(app, username);
        var response = await client.PostFormAsync("/council", new() { ["councilId"] = app.OtherCouncil.ToString() }, formPage: "/");
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_pages_get_the_friendly_not_found_page()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var response = await client.GetAsync("/people/999999999");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Page not found");
        (await client.GetAsync("/no/such/page")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<(string Method, int Version)> CurrentAsync(string reference)
    {
        await using var connection = await app.Database.OpenAsync();
        var row = await Dapper.SqlMapper.QuerySingleAsync<(string, long)>(connection,
            "select payment_method, version from account where reference = @reference and council_id = @c", new { reference, c = app.HomeCouncil.Value });
        return (row.Item1, (int)row.Item2);
    }
}
