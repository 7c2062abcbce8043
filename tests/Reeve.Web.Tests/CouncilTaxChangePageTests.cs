using Reeve.TestKit;
using System.Globalization;
using System.Net;
using Dapper;
using Reeve.CouncilTax;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

/// <summary>Owners, ending awards, reductions as amounts, the instalment day and charge setting, through the pages.</summary>
[Collection(WebCollection.Name)]
public sealed class CouncilTaxChangePageTests(ReeveAppFixture app)
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<long> AwardIdAsync(long uprn)
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("select max(award_id) from ctax_award where council_id = @c and uprn = @uprn", new { c = app.HomeCouncil.Value, uprn });
    }

    [Fact]
    public async Task An_owner_recorded_for_an_empty_dwelling_is_billed_and_ending_the_ownership_rebills()
    {
        // s6(2)(f): with nobody resident the owner is liable.
        var uprn = await NewDwellingAsync(app);
        var (owner, name) = await NewPersonAsync(app, "Olu");
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var formPage = $"/properties/{uprn}/owner?person={Id(owner)}";
        (await client.GetPageAsync(formPage)).ShouldContain(name);

        var response = await client.PostFormAsync($"/properties/{uprn}/owner",
            Date("from", ThisYear.FirstDay, new() { ["person"] = Id(owner), ["partyId"] = Id(owner) }), formPage);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var property = WebUtility.HtmlDecode(await client.GetPageAsync($"/properties/{uprn}"));
        property.ShouldContain($"{name} recorded as owner from");
        (await AccountReferencesAsync(app, uprn)).ShouldHaveSingleItem();

        var ended = await client.PostFormAsync($"/properties/{uprn}/owner-end",
            Date("to", ThisYear.FirstDay.PlusDays(99), new() { ["partyId"] = Id(owner) }), $"/properties/{uprn}/owner-end");

        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ended.Content.ReadAsStringAsync());
        WebUtility.HtmlDecode(await client.GetPageAsync($"/properties/{uprn}")).ShouldContain($"{ThisYear} bill, version 2");
    }

    [Fact]
    public async Task An_officer_ends_a_disregard_and_the_bill_loses_the_discount_from_the_next_day()
    {
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        var (kid, _) = await NewPersonAsync(app, "Alex");
        await MoveInAsync(app, uprn, sam, ThisYear.FirstDay);
        await MoveInAsync(app, uprn, kid, ThisYear.FirstDay, Interest.OtherResident);
        (await app.Database.InTransactionAsync((c, tx) => RecordAward.RecordAsync(c, tx, app.HomeCouncil, uprn,
            new RecordAward.Award("disregard", kid, "student", null, null, ThisYear.FirstDay, null, "Student certificate", null), "test",
            NodaTime.SystemClock.Instance.GetCurrentInstant()))).ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>();
        var award = await AwardIdAsync(uprn);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        (await client.GetPageAsync($"/properties/{uprn}")).ShouldContain($"/properties/{uprn}/awards/{award}/end");
        var formPage = $"/properties/{uprn}/awards/{award}/end";

        var refused = await client.PostFormAsync(formPage, Date("to", ThisYear.FirstDay.PlusDays(60), new() { ["reason"] = "" }), formPage);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("Say why the award ends");

        var response = await client.PostFormAsync(formPage, Date("to", ThisYear.FirstDay.PlusDays(60), new() { ["reason"] = "Left the course" }), formPage);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var property = WebUtility.HtmlDecode(await client.GetPageAsync($"/properties/{uprn}"));
        property.ShouldContain("Disregard ended");
        property.ShouldContain("Left the course");
    }

    [Fact]
    public async Task A_council_tax_reduction_can_be_awarded_as_an_annual_amount_but_not_as_both_an_amount_and_a_percentage()
    {
        // s13A(1)(c): a reduction the council decides as an amount, shared out by day and taken off last.
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, sam, ThisYear.FirstDay);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var formPage = $"/properties/{uprn}/award";
        var fields = Date("from", ThisYear.FirstDay, new() { ["kind"] = "reduction", ["partyId"] = Id(sam), ["evidence"] = "CTR assessment 1234", ["percent"] = "20", ["amount"] = "300.00" });

        var both = await client.PostFormAsync(formPage, fields, formPage);
        WebUtility.HtmlDecode(await both.Content.ReadAsStringAsync()).ShouldContain("not both");

        fields["percent"] = "";
        var response = await client.PostFormAsync(formPage, fields, formPage);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        // £2,000 Band D less 25% single person discount is £1,500; less the £300 reduction for the whole year: £1,200.
        WebUtility.HtmlDecode(await client.GetPageAsync($"/properties/{uprn}")).ShouldContain($"{ThisYear} bill, version 2: £1,200.00");
    }

    [Fact]
    public async Task An_officer_moves_the_instalment_day_and_the_account_shows_it()
    {
        var uprn = await NewDwellingAsync(app);
        var (sam, _) = await NewPersonAsync(app);
        await MoveInAsync(app, uprn, sam, ThisYear.FirstDay);
        var reference = (await AccountReferencesAsync(app, uprn)).ShouldHaveSingleItem();
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var formPage = $"/accounts/{reference}/instalment-day";

        var refused = await client.PostFormAsync(formPage, new() { ["day"] = "31" }, formPage);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("from 1 to 28");

        var response = await client.PostFormAsync(formPage, new() { ["day"] = "20" }, formPage);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var account = WebUtility.HtmlDecode(await client.GetPageAsync($"/accounts/{reference}"));
        account.ShouldContain("Day 20 of the month");
        account.ShouldContain("Instalments now fall due on day 20");
    }

    [Fact]
    public async Task A_manager_sets_a_new_areas_precepts_and_the_local_discounts_but_an_officer_cannot()
    {
        var year = ThisYear.Next.Next.StartYear;
        var code = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        (await officer.GetPageAsync($"/council-tax/charges?year={year}")).ShouldNotContain("Save local discounts");
        (await officer.PostFormAsync($"/council-tax/charges/{year}/new", new() { ["areaCode"] = code }, $"/council-tax/charges?year={year}"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var manager = await OfficerClient.SignedInAsync(app, "manager");
        var formPage = $"/council-tax/charges/{year}/new";
        var fields = new Dictionary<string, string>
        {
            ["areaCode"] = code, ["areaName"] = "Testley Parish",
            ["p0-preceptor"] = "Wealdmoor District Council", ["p0-kind"] = "billing-authority", ["p0-bandD"] = "250.00", ["p0-previous"] = "",
            ["p1-preceptor"] = "Testley Parish Council", ["p1-kind"] = "parish", ["p1-bandD"] = "-5", ["p1-previous"] = "",
            ["p2-preceptor"] = "", ["p2-kind"] = "", ["p2-bandD"] = "", ["p2-previous"] = "",
        };
        var refused = await manager.PostFormAsync(formPage, fields, formPage);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CountAsync("select count(*) from charge_area where area_code = @code", new { code })).ShouldBe(0);

        fields["p1-bandD"] = "45.50";
        var response = await manager.PostFormAsync(formPage, fields, formPage);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var charges = WebUtility.HtmlDecode(await manager.GetPageAsync($"/council-tax/charges?year={year}"));
        charges.ShouldContain("Testley Parish");
        charges.ShouldContain("£295.50");

        var discounts = await manager.PostFormAsync("/council-tax/charges", new() { ["year"] = year.ToString(CultureInfo.InvariantCulture), ["class-C"] = "0", ["class-A"] = "10" },
            $"/council-tax/charges?year={year}");
        discounts.StatusCode.ShouldBe(HttpStatusCode.Redirect, await discounts.Content.ReadAsStringAsync());
        await using var connection = await app.Database.OpenAsync();
        (await LocalDiscounts.ForYearAsync(connection, null, app.HomeCouncil, new FinancialYear(year)))["A"].ShouldBe(10);
    }
}
