using System.Globalization;
using System.Net;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;

namespace Reeve.Web.Tests;

/// <summary>
/// Setting up a new council's court sessions and recovery costs from its own set-up pages, without switching to it:
/// saved for the council in the address, audited there, and the task list marks them Completed.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CouncilSetUpPageTests(ReeveAppFixture app)
{
    private async Task<(OfficerClient Admin, int CouncilId)> NewCouncilAsync()
    {
        var admin = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(Role.SystemAdministrator));
        var code = "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var created = await admin.PostFormAsync("/councils", new() { ["code"] = code, ["name"] = $"Test Council {code}" });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.QueryAsync<int>("select council_id from council where code = @code", new { code });
        created.Headers.Location!.ToString().ShouldBe($"/councils/{id}");
        return (admin, id);
    }

    private static string Status(string html, string key)
    {
        var at = html.IndexOf($"id=\"{key}-status\"", StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, $"the task list should have {key}");
        return html[at..html.IndexOf("</div>", at, StringComparison.Ordinal)];
    }

    private LocalDate SessionDay() => WorkingDays.EnglandAndWales.AddWorkingDays(UkTime.Today(app.Clock), 25);

    private static Dictionary<string, string> Session(LocalDate day, string capacity = "250") => new()
    {
        ["courtName"] = "Wealdmoor Magistrates' Court",
        ["date-day"] = day.Day.ToString(CultureInfo.InvariantCulture),
        ["date-month"] = day.Month.ToString(CultureInfo.InvariantCulture),
        ["date-year"] = day.Year.ToString(CultureInfo.InvariantCulture),
        ["time"] = "10:00",
        ["capacity"] = capacity,
    };

    private static Dictionary<string, string> Costs(string basis = "2026/27 costs study") => new()
    {
        ["kind"] = "council-tax",
        ["from-day"] = "1",
        ["from-month"] = "4",
        ["from-year"] = "2026",
        ["summonsCosts"] = "70.00",
        ["orderCosts"] = "40.00",
        ["basis"] = basis,
    };

    [Fact]
    public async Task A_court_session_added_on_the_set_up_page_belongs_to_the_council_set_up_and_completes_its_task()
    {
        var (admin, id) = await NewCouncilAsync();
        using var _ = admin;
        Status(await admin.GetPageAsync($"/councils/{id}"), "court").ShouldContain("Not started");
        var day = SessionDay();

        var saved = await admin.PostFormAsync($"/councils/{id}/courts", Session(day));

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().ShouldBe($"/councils/{id}/courts");
        (await app.CountAsync("select count(*) from court_session where council_id = @id and session_date = @day and capacity = 250",
            new { id, day })).ShouldBe(1);
        (await app.CountAsync("select count(*) from court_session where council_id = @home and court = 'Wealdmoor Magistrates'' Court' and capacity = 250",
            new { home = app.HomeCouncil.Value })).ShouldBe(0, "the officer's own council is not touched");
        (await app.CountAsync("select count(*) from audit_log where council_id = @id and action = 'council-set-up' and detail like 'Court session added%'", new { id })).ShouldBe(1);
        var page = await admin.GetPageAsync($"/councils/{id}/courts");
        page.ShouldContain(DateText.LongForm.Format(day));
        var html = await admin.GetPageAsync($"/councils/{id}");
        Status(html, "court").ShouldContain("Completed");
        html.ShouldContain($"href=\"/councils/{id}/courts\"");
    }

    [Fact]
    public async Task A_session_on_a_weekend_or_without_a_capacity_is_refused_naming_the_field_and_nothing_is_saved()
    {
        var (admin, id) = await NewCouncilAsync();
        using var _ = admin;
        var saturday = SessionDay().Next(IsoDayOfWeek.Saturday);

        var weekend = await (await admin.PostFormAsync($"/councils/{id}/courts", Session(saturday))).Content.ReadAsStringAsync();
        var noRoom = await (await admin.PostFormAsync($"/councils/{id}/courts", Session(SessionDay(), "none"))).Content.ReadAsStringAsync();

        weekend.ShouldContain("<a href=\"#date-day\">");
        weekend.ShouldContain("is not a business day");
        noRoom.ShouldContain("<a href=\"#capacity\">");
        (await app.CountAsync("select count(*) from court_session where council_id = @id", new { id })).ShouldBe(0);
        Status(await admin.GetPageAsync($"/councils/{id}"), "court").ShouldContain("Not started");
    }

    [Fact]
    public async Task Recovery_costs_are_kept_as_rows_from_their_dates_with_how_they_were_worked_out_and_complete_their_task()
    {
        var (admin, id) = await NewCouncilAsync();
        using var _ = admin;
        Status(await admin.GetPageAsync($"/councils/{id}"), "recovery-costs").ShouldContain("Not started");

        (await admin.PostFormAsync($"/councils/{id}/charges", Costs())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var later = Costs("2027/28 costs study");
        (later["from-year"], later["summonsCosts"]) = ("2027", "75.50");
        (await admin.PostFormAsync($"/councils/{id}/charges", later)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.CountAsync("select count(*) from recovery_costs where council_id = @id", new { id })).ShouldBe(2);
        (await app.CountAsync("select summons_costs_pence from recovery_costs where council_id = @id and basis = '2027/28 costs study'", new { id })).ShouldBe(75_50);
        (await app.CountAsync("select count(*) from audit_log where council_id = @id and action = 'council-set-up' and detail like '%recovery costs%'", new { id })).ShouldBe(2);
        var page = await admin.GetPageAsync($"/councils/{id}/charges");
        page.ShouldContain("1 April 2026");
        page.ShouldContain("1 April 2027");
        page.ShouldContain("£75.50");
        page.ShouldContain("2026/27 costs study");
        Status(await admin.GetPageAsync($"/councils/{id}"), "recovery-costs").ShouldContain("Completed");
    }

    [Theory]
    [InlineData("basis", "", "basis")]
    [InlineData("summonsCosts", "-5.00", "summonsCosts")]
    [InlineData("orderCosts", "forty", "orderCosts")]
    [InlineData("kind", "sundry", "kind")]
    [InlineData("from-month", "13", "from-day")]
    public async Task Costs_with_a_bad_field_are_refused_naming_it_and_nothing_is_saved(string field, string value, string named)
    {
        var (admin, id) = await NewCouncilAsync();
        using var _ = admin;
        var form = Costs();
        form[field] = value;

        var response = await admin.PostFormAsync($"/councils/{id}/charges", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"<a href=\"#{named}\">");
        (await app.CountAsync("select count(*) from recovery_costs where council_id = @id", new { id })).ShouldBe(0);
    }

    private static Dictionary<string, string> BandD(string amount, string kind = "billing-authority") => new()
    {
        ["year"] = FinancialYear.Containing(UkTime.Today(SystemClock.Instance)).StartYear.ToString(CultureInfo.InvariantCulture),
        ["areaCode"] = "NEWTOWN",
        ["areaName"] = "Newtown unparished",
        ["p0-preceptor"] = "Newtown District Council",
        ["p0-kind"] = kind,
        ["p0-bandD"] = amount,
        ["p1-preceptor"] = "Police and Crime Commissioner",
        ["p1-kind"] = "police",
        ["p1-bandD"] = "300.00",
    };

    // LGFA 1992 ss30 to 36: the Band D charge of an area is the sum of its precepts, set here for the council set up.
    [Fact]
    public async Task Council_tax_charges_set_on_the_set_up_page_belong_to_the_council_set_up_and_complete_their_task()
    {
        var (admin, id) = await NewCouncilAsync();
        using var _ = admin;
        Status(await admin.GetPageAsync($"/councils/{id}"), "charges").ShouldContain("Not started");

        var saved = await admin.PostFormAsync($"/councils/{id}/council-tax-charges", BandD("1,800.50"));

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CountAsync("select sum(band_d_pence) from precept where council_id = @id and area_code = 'NEWTOWN'", new { id })).ShouldBe(210_050);
        (await app.CountAsync("select count(*) from precept where council_id = @home and area_code = 'NEWTOWN'", new { home = app.HomeCouncil.Value }))
            .ShouldBe(0, "the officer's own council is not touched");
        (await app.CountAsync("select count(*) from audit_log where council_id = @id and action = 'council-set-up' and detail like 'Council tax charges%'", new { id })).ShouldBe(1);
        (await admin.GetPageAsync($"/councils/{id}/council-tax-charges")).ShouldContain("£2,100.50");
        var html = await admin.GetPageAsync($"/councils/{id}");
        Status(html, "charges").ShouldContain("Completed");
        html.ShouldContain($"href=\"/councils/{id}/council-tax-charges\"");
    }

    [Fact]
    public async Task Charges_with_a_bad_amount_or_no_kind_are_refused_naming_the_field_and_nothing_is_saved()
    {
        var (admin, id) = await NewCouncilAsync();
        using var _ = admin;

        var badAmount = await (await admin.PostFormAsync($"/councils/{id}/council-tax-charges", BandD("lots"))).Content.ReadAsStringAsync();
        var noKind = await (await admin.PostFormAsync($"/councils/{id}/council-tax-charges", BandD("1800.00", kind: ""))).Content.ReadAsStringAsync();

        badAmount.ShouldContain("<a href=\"#p0-bandD\">");
        noKind.ShouldContain("<a href=\"#p0-kind\">");
        (await app.CountAsync("select count(*) from precept where council_id = @id", new { id })).ShouldBe(0);
    }

    [Theory]
    [InlineData(Role.Manager)]
    [InlineData(Role.Officer)]
    public async Task Only_a_System_Administrator_may_open_or_post_the_court_and_costs_set_up_pages(Role role)
    {
        using var client = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(role));
        var home = app.HomeCouncil.Value;

        (await client.GetAsync($"/councils/{home}/courts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/councils/{home}/charges")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/councils/{home}/council-tax-charges")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var fields = Costs();
        fields["__RequestVerificationToken"] = OfficerClient.Token(await client.GetPageAsync("/"));
        (await client.PostFormAsync($"/councils/{home}/charges", fields, withToken: false)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
