using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class PersonCaseworkTests(ReeveAppFixture app)
{
    private static object Statement(string earnings, string food = "300.00") => new
    {
        householdAdults = 1,
        householdChildren = 0,
        monthlyIncome = new { earnings },
        monthlyExpenditure = new { foodAndHousekeeping = food, homeAndContents = "700.00" },
        debts = new[] { new { reference = "ENERGY", kind = "energy", balance = "300.00", priority = true } },
    };

    [Fact]
    public async Task An_income_and_expenditure_posted_to_the_api_is_kept_and_answered_with_its_totals_and_flags()
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.PostJsonAsync($"/api/v1/people/{partyId}/income-and-expenditure", Statement("900.00", food: "900.00"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        json["disposableIncome"]!.GetValue<string>().ShouldBe("-700.00");
        json["takenBy"]!.GetValue<string>().ShouldBe("officer");
        var flags = json["flags"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).ToList();
        flags.ShouldContain("deficit-budget");
        flags.ShouldContain("above-guideline:foodAndHousekeeping");
        (await app.CountAsync("select count(*) from income_expenditure where party_id = @partyId", new { partyId })).ShouldBe(1);
    }

    [Theory]
    [InlineData("-5.00", "monthlyIncome.earnings")]
    [InlineData("lots", "monthlyIncome.earnings")]
    public async Task A_negative_or_non_numeric_amount_is_refused_naming_the_field_and_nothing_is_kept(string earnings, string field)
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.PostJsonAsync($"/api/v1/people/{partyId}/income-and-expenditure", Statement(earnings));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"]!.GetValue<string>().ShouldBe(field);
        (await app.CountAsync("select count(*) from income_expenditure where party_id = @partyId", new { partyId })).ShouldBe(0);
    }

    [Fact]
    public async Task The_form_refuses_a_non_numeric_amount_naming_the_field()
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.PostFormAsync($"/people/{partyId}/income-and-expenditure", new()
        {
            ["householdAdults"] = "1", ["householdChildren"] = "0", ["income-earnings"] = "twelve", ["expenditure-travel"] = "-3",
        });

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Earnings after tax must be an amount of money, like 120.50");
        html.ShouldContain("Travel cannot be negative");
        (await app.CountAsync("select count(*) from income_expenditure where party_id = @partyId", new { partyId })).ShouldBe(0);
    }

    [Fact]
    public async Task A_vulnerability_flag_for_team_leaders_is_hidden_from_an_officer_and_every_view_is_audited()
    {
        var (partyId, _) = await NewPersonAsync(app);
        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        var review = Today.PlusMonths(6);
        var saved = await leader.PostFormAsync($"/people/{partyId}/vulnerability", Date("review", review, new()
        {
            ["category"] = "health", ["detail"] = "Hospital stay this winter", ["consent"] = "yes", ["visibleTo"] = "TeamLeader",
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.Found, "a saved flag redirects to the person page");
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        var before = await app.CountAsync("select count(*) from audit_log where subject_kind = 'person' and subject_id = @id and action = 'view'", new { id = partyId.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var asOfficer = await officer.GetPageAsync($"/people/{partyId}");
        var asLeader = await leader.GetPageAsync($"/people/{partyId}");

        asOfficer.ShouldNotContain("Hospital stay this winter");
        asOfficer.ShouldContain("1 vulnerability flag(s) recorded that your role may not see");
        asLeader.ShouldContain("Hospital stay this winter");
        (await app.CountAsync("select count(*) from audit_log where subject_kind = 'person' and subject_id = @id and action = 'view'", new { id = partyId.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .ShouldBe(before + 2);
    }

    [Fact]
    public async Task A_breathing_space_notification_for_an_unknown_person_goes_to_the_matching_queue()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var reference = "BS-Q-" + Guid.NewGuid().ToString("N")[..8];

        await client.PostFormAsync("/people/queues?handler=Notify", Date("start", Today, new()
        {
            ["kind"] = "standard", ["reference"] = reference, ["notifiedName"] = "Nobody Weknow", ["postcode"] = "EM9 9ZZ",
        }), formPage: "/people/queues");

        (await app.CountAsync("select count(*) from breathing_space where reference = @reference and status = 'unmatched'", new { reference })).ShouldBe(1);
        (await client.GetPageAsync("/people/queues")).ShouldContain(reference);
    }

    [Fact]
    public async Task A_breathing_space_past_day_35_without_a_midway_review_is_flagged_and_a_review_out_of_its_window_is_refused()
    {
        // SI 2020/1311 reg 27(2)-(3): the midway review falls on day 26 to day 35; reg 17(3): a creditor asks within 20 days.
        var (partyId, _) = await NewPersonAsync(app);
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var reference = "BS-MID-" + Guid.NewGuid().ToString("N")[..8];
        var start = Today.PlusDays(-40);
        await client.PostFormAsync($"/people/{partyId}/breathing-space", Date("start", start, new()
        {
            ["kind"] = "standard", ["reference"] = reference, ["source"] = "Insolvency Service email",
        }));
        var moratorium = await app.CountAsync("select moratorium_id from breathing_space where reference = @reference", new { reference });

        var review = await (await client.PostFormAsync($"/people/{partyId}/breathing-space?handler=Review", Date("reviewed", Today, new()
        {
            ["moratoriumId"] = moratorium.ToString(System.Globalization.CultureInfo.InvariantCulture), ["outcome"] = "continues",
        }), formPage: $"/people/{partyId}/breathing-space")).Content.ReadAsStringAsync();
        var request = await (await client.PostFormAsync($"/people/{partyId}/breathing-space?handler=RequestReview", Date("requested", Today, new()
        {
            ["moratoriumId"] = moratorium.ToString(System.Globalization.CultureInfo.InvariantCulture), ["grounds"] = "sufficient-funds", ["detail"] = "Savings",
        }), formPage: $"/people/{partyId}/breathing-space")).Content.ReadAsStringAsync();

        review.ShouldContain("reg 27(2) and (3)");
        request.ShouldContain("reg 17(3)");
        (await app.CountAsync("select count(*) from breathing_space_review where moratorium_id = @moratorium", new { moratorium })).ShouldBe(0);
        (await client.GetPageAsync($"/people/{partyId}")).ShouldContain("Midway review overdue");
        (await client.GetPageAsync("/people/queues")).ShouldContain(reference);
    }
}
