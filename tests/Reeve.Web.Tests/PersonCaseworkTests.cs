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
            ["kind"] = "standard", ["reference"] = reference, ["notifiedName"] = "Nobody Weknow", ["postcode"] = "ZZ1 1ZZ",
        }), formPage: "/people/queues");

        (await app.CountAsync("select count(*) from breathing_space where reference = @reference and status = 'unmatched'", new { reference })).ShouldBe(1);
        (await client.GetPageAsync("/people/queues")).ShouldContain(reference);
    }
}
