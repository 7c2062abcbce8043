using Reeve.TestKit;
using System.Globalization;
using System.Net;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class CouncilTaxPageTests(ReeveAppFixture app)
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<long> CountAsync(string table, long uprn) =>
        app.CountAsync($"select count(*) from {table} where council_id = @c and uprn = @uprn", new { c = app.HomeCouncil.Value, uprn });

    private Task<long> BillsAsync(long uprn) => app.CountAsync(
        "select count(*) from bill b join account a on a.council_id = b.council_id and a.account_id = b.account_id where a.council_id = @c and a.uprn = @uprn",
        new { c = app.HomeCouncil.Value, uprn });

    private Task<long> LedgerAsync() => app.CountAsync("select count(*) from ledger_entry where council_id = @c", new { c = app.HomeCouncil.Value });

    [Fact]
    public async Task The_property_page_shows_band_history_occupation_awards_and_the_precepts()
    {
        var uprn = await NewDwellingAsync(app);
        var (sam, samName) = await NewPersonAsync(app);
        var (kid, kidName) = await NewPersonAsync(app, "Alex");
        await MoveInAsync(app, uprn, sam, ThisYear.FirstDay);
        await MoveInAsync(app, uprn, kid, ThisYear.FirstDay, Interest.OtherResident);
        (await app.Database.InTransactionAsync((c, tx) => RecordBandChange.RecordAsync(c, tx, app.HomeCouncil, uprn, ThisYear.FirstDay, "C", "Band reduced on appeal", "VOA 2026/118", "test",
            SystemClock.Instance.GetCurrentInstant()))).ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>();
        (await app.Database.InTransactionAsync((c, tx) => RecordAward.RecordAsync(c, tx, app.HomeCouncil, uprn,
            new RecordAward.Award("disregard", kid, "student", null, null, ThisYear.FirstDay, null, "Student certificate seen", ThisYear.LastDay), "test",
            SystemClock.Instance.GetCurrentInstant()))).ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = WebUtility.HtmlDecode(await client.GetPageAsync($"/properties/{uprn}"));

        html.ShouldContain("id=\"band-history\"");
        html.ShouldContain("Band reduced on appeal");
        html.ShouldContain("VOA 2026/118");
        html.ShouldContain("Band on the valuation list");
        html.ShouldContain("<strong class=\"govuk-tag govuk-tag--blue\">Band C</strong>");
        html.ShouldContain(samName);
        html.ShouldContain(kidName);
        html.ShouldContain("Tenant");
        html.ShouldContain("Student certificate seen");
        html.ShouldContain(">Disregard</strong>: student");
        html.ShouldContain("Liable today:");
        html.ShouldContain("Band D charge for " + ThisYear + ": <strong data-testid=\"band-d\">£2,000.00</strong>");
        html.ShouldContain("id=\"adult-social-care\"");
        html.ShouldContain("+£30.00 (+25.0%)"); // adult social care: £120 last year, £150 this year
        html.ShouldContain("/properties/" + uprn + "/move-in");
    }

    [Fact]
    public async Task Recording_a_move_in_bills_the_account_and_the_account_shows_versions_working_and_instalments()
    {
        // LGFA 1992 s6: a tenant moving in is liable from that day; one adult gets the 25% single person discount (s11).
        var uprn = await NewDwellingAsync(app);
        var (sam, samName) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var surname = samName.Split(' ')[1];
        var formPage = $"/properties/{uprn}/move-in?person={surname}";
        (await client.GetPageAsync(formPage)).ShouldContain(samName);

        var response = await client.PostFormAsync($"/properties/{uprn}/move-in",
            Date("from", ThisYear.FirstDay, new() { ["person"] = surname, ["partyId"] = Id(sam), ["interest"] = "tenant", ["partnerOf"] = "" }), formPage);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldBe($"/properties/{uprn}");
        var property = WebUtility.HtmlDecode(await client.GetPageAsync($"/properties/{uprn}"));
        property.ShouldContain("govuk-notification-banner--success");
        property.ShouldContain($"{ThisYear} bill, version 1: £1,500.00");
        var reference = (await AccountReferencesAsync(app, uprn)).ShouldHaveSingleItem();
        var account = WebUtility.HtmlDecode(await client.GetPageAsync($"/accounts/{reference}"));
        account.ShouldContain($"id=\"bill-versions-{ThisYear.StartYear}\"");
        account.ShouldContain($"Bill for {ThisYear}: £1,500.00");
        account.ShouldContain($"id=\"working-{ThisYear.StartYear}\"");
        account.ShouldContain("LGFA 1992 s6(2)(c)");
        account.ShouldContain($"id=\"instalments-{ThisYear.StartYear}\"");
        account.ShouldContain("data-testid=\"instalment\"");
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and subject_kind = 'property' and subject_id = @id and action = 'change'",
            new { c = app.HomeCouncil.Value, id = Id(uprn) })).ShouldBe(1);
    }

    [Fact]
    public async Task An_impossible_date_is_refused_naming_the_field_and_nothing_is_written()
    {
        var uprn = await NewDwellingAsync(app);
        var (sam, samName) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var formPage = $"/properties/{uprn}/move-in?person={Id(sam)}";

        var response = await client.PostFormAsync($"/properties/{uprn}/move-in",
            Date("from", "30", "2", Id(ThisYear.StartYear + 1), new() { ["person"] = Id(sam), ["partyId"] = Id(sam), ["interest"] = "tenant" }), formPage);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("<a href=\"#from-day\">The date they moved in must be a real date</a>");
        html.ShouldContain("id=\"from-error\"");
        html.ShouldContain("<title>Error: ");
        html.ShouldContain(samName); // the chosen person is still offered
        (await CountAsync("residence", uprn)).ShouldBe(0);
        (await BillsAsync(uprn)).ShouldBe(0);
    }

    [Fact]
    public async Task A_move_in_with_nothing_chosen_names_each_missing_field()
    {
        var uprn = await NewDwellingAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = WebUtility.HtmlDecode(await (await client.PostFormAsync($"/properties/{uprn}/move-in", Date("from", "1", "", "2026"))).Content.ReadAsStringAsync());

        html.ShouldContain("<a href=\"#person\">Find the person moving in by name or party number</a>");
        html.ShouldContain("<a href=\"#interest\">Choose their interest in the dwelling</a>");
        html.ShouldContain("<a href=\"#from-month\">The date they moved in must include a month</a>");
        (await CountAsync("residence", uprn)).ShouldBe(0);
    }

    [Fact]
    public async Task Recording_a_move_out_issues_a_second_version_for_the_shorter_liability()
    {
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, sam, ThisYear.FirstDay);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var lastDay = ThisYear.FirstDay.PlusDays(99);

        var response = await client.PostFormAsync($"/properties/{uprn}/move-out", Date("to", lastDay, new() { ["partyId"] = Id(sam) }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var property = WebUtility.HtmlDecode(await client.GetPageAsync($"/properties/{uprn}"));
        property.ShouldContain($"{ThisYear} bill, version 2:");
        property.ShouldContain(Reeve.Web.Features.Display.Show.Date(lastDay));
        var reference = (await AccountReferencesAsync(app, uprn)).ShouldHaveSingleItem();
        var account = await client.GetPageAsync($"/accounts/{reference}");
        account.ShouldContain($"data-year=\"{ThisYear.StartYear}\" data-version=\"2\"");
        account.ShouldContain($"data-year=\"{ThisYear.StartYear}\" data-version=\"1\"");
    }

    [Fact]
    public async Task Recording_a_backdated_band_change_rebills_last_year_and_this_year()
    {
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, sam, ThisYear.Previous.FirstDay);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.PostFormAsync($"/properties/{uprn}/band-change",
            Date("from", ThisYear.Previous.FirstDay, new() { ["band"] = "C", ["reason"] = "Band reduced on appeal", ["scheduleReference"] = "VOA 118" }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var property = WebUtility.HtmlDecode(await client.GetPageAsync($"/properties/{uprn}"));
        property.ShouldContain($"{ThisYear.Previous} bill, version 2:");
        property.ShouldContain($"{ThisYear} bill, version 2:");
        property.ShouldContain("VOA 118");
    }

    [Fact]
    public async Task A_band_outside_A_to_H_is_refused_with_the_modules_message_and_nothing_is_written()
    {
        var uprn = await NewDwellingAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.PostFormAsync($"/properties/{uprn}/band-change", Date("from", ThisYear.FirstDay, new() { ["band"] = "J", ["reason"] = "Typo" }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<a href=\"#band\">A council tax band in England is A to H</a>");
        (await CountAsync("band_change", uprn)).ShouldBe(0);
    }

    [Fact]
    public async Task Recording_a_student_disregard_brings_the_discount_as_a_new_bill_version()
    {
        // LGFA 1992 Sch 1 para 4: a student is disregarded; with one adult counted the 25% discount applies.
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        var (kid, _) = await NewPersonAsync(app, "Alex");
        await MoveInAsync(app, uprn, sam, ThisYear.FirstDay);
        await MoveInAsync(app, uprn, kid, ThisYear.FirstDay, Interest.OtherResident);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var fields = Date("from", ThisYear.FirstDay, new() { ["kind"] = "disregard", ["code"] = "student", ["partyId"] = Id(kid), ["evidence"] = "Student certificate" });
        var response = await client.PostFormAsync($"/properties/{uprn}/award", Date("review", ThisYear.LastDay, fields));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var property = WebUtility.HtmlDecode(await client.GetPageAsync($"/properties/{uprn}"));
        property.ShouldContain($"{ThisYear} bill, version 3: £1,500.00"); // version 2 was the second adult moving in
        property.ShouldContain("Student certificate");
        property.ShouldContain(Reeve.Web.Features.Display.Show.Date(ThisYear.LastDay));
    }

    [Fact]
    public async Task An_exemption_class_that_does_not_fit_an_occupied_dwelling_is_refused_against_the_class_and_nothing_is_written()
    {
        // SI 1992/558 art 3: Class F is for an unoccupied dwelling.
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, sam, ThisYear.FirstDay);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var ledger = await LedgerAsync();
        var bills = await BillsAsync(uprn);

        var response = await client.PostFormAsync($"/properties/{uprn}/award",
            Date("from", ThisYear.FirstDay.PlusMonths(1), new() { ["kind"] = "exemption", ["code"] = "f", ["partyId"] = "", ["evidence"] = "Death certificate seen" }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("<a href=\"#code\">Class F applies only to an unoccupied dwelling");
        html.ShouldContain("id=\"code-error\"");
        html.ShouldContain("Death certificate seen"); // what was typed is kept
        (await CountAsync("ctax_award", uprn)).ShouldBe(0);
        (await BillsAsync(uprn)).ShouldBe(bills);
        (await LedgerAsync()).ShouldBe(ledger);
    }

    [Fact]
    public async Task Requesting_12_instalments_issues_next_years_bill_again_in_12()
    {
        // CTAE Regs 1992 reg 21(1A), Sch 1 para 2(3A): asked before the year starts, the year's bill is payable in 12.
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, sam, ThisYear.Next.FirstDay);
        var reference = (await AccountReferencesAsync(app, uprn)).ShouldHaveSingleItem();
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var before = await client.GetPageAsync($"/accounts/{reference}");
        before.ShouldContain($"/accounts/{reference}/instalments");
        before.Split("data-testid=\"instalment\"").Length.ShouldBe(11);

        var response = await client.PostFormAsync($"/accounts/{reference}/instalments", []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = WebUtility.HtmlDecode(await client.GetPageAsync($"/accounts/{reference}"));
        after.ShouldContain("12 instalments requested");
        after.ShouldContain($"{ThisYear.Next} bill, version 2: £1,575.00 in 12 instalments");
        after.ShouldContain("12 a year, as the liable person asked");
        after.Split("data-testid=\"instalment\"").Length.ShouldBe(13);
        after.ShouldNotContain($"/accounts/{reference}/instalments\"");
        (await app.CountAsync("select instalments_requested from account where council_id = @c and reference = @reference",
            new { c = app.HomeCouncil.Value, reference })).ShouldBe(12);
    }

    [Fact]
    public async Task An_auditor_may_read_the_council_tax_pages_but_not_open_or_post_the_forms()
    {
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, sam, ThisYear.FirstDay);
        var reference = (await AccountReferencesAsync(app, uprn)).ShouldHaveSingleItem();
        using var auditor = await OfficerClient.SignedInAsync(app, "auditor");

        var property = await auditor.GetPageAsync($"/properties/{uprn}");
        property.ShouldContain("id=\"band-history\"");
        property.ShouldNotContain("/move-in\"");
        (await auditor.GetPageAsync($"/accounts/{reference}")).ShouldNotContain("/instalments\"");
        foreach (var path in new[] { "move-in", "move-out", "band-change", "award" }.Select(f => $"/properties/{uprn}/{f}").Append($"/accounts/{reference}/instalments"))
        {
            (await auditor.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            (await auditor.PostFormAsync(path, Date("from", ThisYear.FirstDay, Date("to", ThisYear.FirstDay, new() { ["partyId"] = Id(sam), ["band"] = "A", ["reason"] = "x" })), formPage: "/"))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
        }

        (await CountAsync("band_change", uprn)).ShouldBe(0);
        (await CountAsync("residence", uprn)).ShouldBe(1);
    }

    [Fact]
    public async Task The_forms_are_not_found_for_a_property_of_another_council()
    {
        var uprn = await app.QueryAsync<long>("select uprn from property where council_id = @c order by uprn limit 1", new { c = app.OtherCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        (await client.GetAsync($"/properties/{uprn}/move-in")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/properties/{uprn}/award")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
