using System.Globalization;
using System.Net;
using Dapper;
using Reeve.Kernel;
using Reeve.Letters;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class TracingPageTests(ReeveAppFixture app)
{
    /// <summary>A person liable on a dwelling since the start of last year (two years owed) whose post has just come back.</summary>
    private async Task<(long PartyId, string Name, long TaskId)> GoneAwayDebtorAsync(OfficerClient client)
    {
        var uprn = await NewDwellingAsync(app);
        var (partyId, name) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, partyId, ThisYear.Previous.FirstDay);
        var marked = await client.PostFormAsync($"/people/{partyId}/contact-preferences?handler=Returned", [], $"/people/{partyId}/contact-preferences");
        marked.StatusCode.ShouldBe(HttpStatusCode.Found);
        var taskId = await app.QueryAsync<long>("select task_id from trace_task where party_id = @partyId and status = 'open'", new { partyId });
        return (partyId, name, taskId);
    }

    [Fact]
    public async Task Returned_post_puts_the_person_on_the_trace_queue_with_what_they_owe_and_the_filter_narrows_it()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var (partyId, name, taskId) = await GoneAwayDebtorAsync(client);
        var owed = await app.QueryAsync<long>(
            "select coalesce(sum(case when e.debit_book = 'debtors' then e.amount_pence when e.credit_book = 'debtors' then -e.amount_pence else 0 end), 0) " +
            "from ledger_entry e join account_party ap on ap.council_id = e.council_id and ap.account_id = e.account_id where ap.party_id = @partyId", new { partyId });
        owed.ShouldBeGreaterThan(0);

        var queue = await client.GetPageAsync("/people/tracing");

        queue.ShouldContain(name);
        queue.ShouldContain($"href=\"/people/tracing/{taskId}\"");
        queue.ShouldContain(Money.FromPence(owed).ToDisplayString());
        (await client.GetPageAsync("/people/tracing?officer=teamleader")).ShouldNotContain(name);
        (await client.GetPageAsync("/people/tracing?officer=officer")).ShouldContain(name);
        // A trace from returned post is due in four weeks, so it is not overdue today.
        (await client.GetPageAsync("/people/tracing?overdue=true")).ShouldNotContain(name);
        (await client.GetPageAsync($"/people/{partyId}")).ShouldContain($"href=\"/people/tracing/{taskId}\"");
        (await app.CountAsync("select count(*) from audit_log where action = 'search' and detail like 'Trace work queue%'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_found_address_is_kept_on_the_person_and_the_held_notice_is_queued_again_once()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var (partyId, _, taskId) = await GoneAwayDebtorAsync(client);
        var accountId = await app.QueryAsync<long>("select account_id from account_party where party_id = @partyId order by account_id limit 1", new { partyId });
        await using (var c = await app.Database.OpenAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            (await LetterRequests.RequestAsync(c, tx, new LetterRequest(app.HomeCouncil, accountId, Today, $"trace-web-test/{partyId}",
                new DemandNoticeFields(ThisYear.StartYear)), SystemClockNow())).ShouldBeOfType<Outcome<QueuedLetter>.Done>();
            await tx.CommitAsync();
        }

        var tried = await client.PostFormAsync($"/people/tracing/{taskId}?handler=Attempt", Date("triedOn", Today, new()
        {
            ["source"] = "electoral-register", ["result"] = "found", ["note"] = "On the register at Quarry Close",
        }), $"/people/tracing/{taskId}");
        tried.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await client.GetPageAsync($"/people/tracing/{taskId}")).ShouldContain("On the register at Quarry Close");

        var refused = await client.PostFormAsync($"/people/tracing/{taskId}?handler=Found",
            new() { ["line1"] = "4 Quarry Close", ["town"] = "Eastmere", ["postcode"] = "nowhere" }, $"/people/tracing/{taskId}");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Enter a real postcode, like WD3 1AA");
        (await app.CountAsync("select count(*) from party_address where party_id = @partyId", new { partyId })).ShouldBe(0);

        var found = await client.PostFormAsync($"/people/tracing/{taskId}?handler=Found",
            new() { ["line1"] = "4 Quarry Close", ["town"] = "Eastmere", ["postcode"] = "em4 2qd" }, $"/people/tracing/{taskId}");

        found.StatusCode.ShouldBe(HttpStatusCode.Found);
        found.Headers.Location!.ToString().ShouldBe($"/people/{partyId}");
        var person = await client.GetPageAsync($"/people/{partyId}");
        person.ShouldContain("4 Quarry Close, Eastmere, EM4 2QD");
        person.ShouldContain("queued again to the new address");
        person.ShouldNotContain("Being traced");
        (await app.CountAsync("select count(*) from returned_mail where party_id = @partyId and cleared_on is null", new { partyId })).ShouldBe(0);
        (await app.CountAsync("select count(*) from letter_request where source_key like @key", new { key = $"trace-{taskId}/%" })).ShouldBe(1);
        (await app.CountAsync("select count(*) from audit_log where subject_id = @id and detail like 'Trace task%found at a new address'",
            new { id = partyId.ToString(CultureInfo.InvariantCulture) })).ShouldBe(1);

        var again = await client.PostFormAsync($"/people/tracing/{taskId}?handler=Found",
            new() { ["line1"] = "4 Quarry Close", ["town"] = "Eastmere", ["postcode"] = "EM4 2QD" }, $"/people/tracing/{taskId}");
        (await again.Content.ReadAsStringAsync()).ShouldContain("already closed");
        (await app.CountAsync("select count(*) from letter_request where source_key like @key", new { key = $"trace-{taskId}/%" })).ShouldBe(1);
    }

    [Fact]
    public async Task An_officer_opens_a_trace_for_a_known_officer_and_closes_it_as_not_found_with_a_review_date()
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var unknown = await client.PostFormAsync($"/people/{partyId}/trace",
            Date("dueOn", Today.PlusDays(7), new() { ["reason"] = "Neighbour says they left", ["assignedTo"] = "nobody-here" }));
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("There is no officer who signs in as nobody-here");

        var opened = await client.PostFormAsync($"/people/{partyId}/trace",
            Date("dueOn", Today.PlusDays(7), new() { ["reason"] = "Neighbour says they left", ["assignedTo"] = "teamleader" }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Found);
        var taskId = await app.QueryAsync<long>("select task_id from trace_task where party_id = @partyId", new { partyId });
        (await client.GetPageAsync("/people/tracing?officer=teamleader")).ShouldContain($"/people/tracing/{taskId}");

        var early = await client.PostFormAsync($"/people/tracing/{taskId}?handler=NotFound", Date("reviewOn", Today), $"/people/tracing/{taskId}");
        (await early.Content.ReadAsStringAsync()).ShouldContain("The date to look again must be after today");
        var closed = await client.PostFormAsync($"/people/tracing/{taskId}?handler=NotFound",
            Date("reviewOn", Today.PlusMonths(3), new() { ["reviewNote"] = "Every source tried" }), $"/people/tracing/{taskId}");
        closed.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await app.QueryAsync<string>("select status from trace_task where task_id = @taskId", new { taskId })).ShouldBe("not-found");
        (await client.GetPageAsync($"/people/tracing/{taskId}")).ShouldContain("Not found");
    }

    [Fact]
    public async Task Without_javascript_the_income_and_expenditure_totals_are_worked_out_on_submit_and_nothing_is_kept()
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.PostFormAsync($"/people/{partyId}/income-and-expenditure", new()
        {
            ["householdAdults"] = "1", ["householdChildren"] = "0", ["income-earnings"] = "1,200.50", ["income-benefits"] = "99.5",
            ["expenditure-homeAndContents"] = "1500", ["expenditure-travel"] = "lots", ["action"] = "totals",
        });

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("id=\"total-income\">£1,300.00<");
        html.ShouldContain("id=\"total-expenditure\">£1,500.00<");
        html.ShouldContain("id=\"balance-label\">Deficit<");
        html.ShouldContain("id=\"total-balance\">£200.00<");
        html.ShouldContain("1 amount is not money and not counted.");
        html.ShouldContain("aria-live=\"polite\"");
        html.ShouldContain("<script type=\"module\" src=\"/reeve/live-totals.mjs\"></script>");
        (await app.CountAsync("select count(*) from income_expenditure where party_id = @partyId", new { partyId })).ShouldBe(0);
    }

    private static NodaTime.Instant SystemClockNow() => NodaTime.SystemClock.Instance.GetCurrentInstant();
}
