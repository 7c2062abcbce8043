using System.Text.Json.Nodes;
using Reeve.Calculators;

namespace Reeve.Recovery.Tests.Features;

public class RecoveryTimelineCalculatorTests
{
    // The example input in shared/contracts.md `recovery-timeline`, exactly as written there.
    private const string ContractExample = """
        {
          "regime": "council-tax",
          "financialYear": 2025,
          "instalments": [ { "due": "2025-04-01", "amount": "150.00" } ],
          "payments": [ { "date": "2025-04-01", "amount": "150.00" } ],
          "profile": { "reminderDaysAfterDue": 7, "summonsDaysAfterBalanceDue": 14, "minimumDaysSummonsToHearing": 14 },
          "courtSessions": [ "2025-07-15", "2025-08-05" ],
          "holds": [ { "from": "2025-06-05", "to": "2025-08-03", "reason": "breathing-space" } ],
          "asAt": "2026-03-31"
        }
        """;

    // Ten instalments of £150.00, April paid, May's reminder failed; a dispute hold covers the summons day.
    private const string FailedReminder = """
        {
          "regime": "council-tax",
          "financialYear": 2025,
          "instalments": [
            { "due": "2025-04-01", "amount": "150.00" }, { "due": "2025-05-01", "amount": "150.00" },
            { "due": "2025-06-01", "amount": "150.00" }, { "due": "2025-07-01", "amount": "150.00" },
            { "due": "2025-08-01", "amount": "150.00" }, { "due": "2025-09-01", "amount": "150.00" },
            { "due": "2025-10-01", "amount": "150.00" }, { "due": "2025-11-01", "amount": "150.00" },
            { "due": "2025-12-01", "amount": "150.00" }, { "due": "2026-01-01", "amount": "150.00" }
          ],
          "payments": [ { "date": "2025-04-01", "amount": "150.00" }, { "date": "2025-06-20", "amount": "50.50" } ],
          "profile": { "reminderDaysAfterDue": 7, "summonsDaysAfterBalanceDue": 14, "minimumDaysSummonsToHearing": 14 },
          "courtSessions": [ "2025-07-15", "2025-08-05", "2025-08-12" ],
          "holds": [ { "from": "2025-06-02", "to": "2025-07-25", "reason": "dispute" } ],
          "asAt": "2026-03-31"
        }
        """;

    private static (bool Ok, JsonObject Json) Run(string input) => CalculatorCatalogue.Create().Run("recovery-timeline", input);

    private static string With(string field, string value)
    {
        var input = JsonNode.Parse(ContractExample)!.AsObject();
        input[field] = value.Length == 0 ? null : JsonNode.Parse(value);
        if (value.Length == 0)
        {
            input.Remove(field);
        }

        return input.ToJsonString();
    }

    [Fact]
    public void The_catalogue_offers_the_recovery_timeline()
    {
        // shared/contracts.md: the CLI and the API offer the same calculators from one registry.
        CalculatorCatalogue.Create().Kinds.ShouldContain("recovery-timeline");
    }

    [Fact]
    public void The_contract_example_paid_on_time_has_no_actions_and_explains_itself()
    {
        // CTAE Regs 1992 reg 23(1): nothing to recover when the one instalment is paid on its due day.
        var (ok, result) = Run(ContractExample);

        ok.ShouldBeTrue(result.ToJsonString());
        result["actions"]!.AsArray().ShouldBeEmpty();
        var steps = result["explanation"]!.AsArray();
        steps.ShouldNotBeEmpty();
        steps.ShouldAllBe(s => s!["step"] != null && s["source"] != null && s["amount"]!.GetValue<string>().Contains('.'));
    }

    [Fact]
    public void A_failed_reminder_round_trips_as_the_contract_writes_it()
    {
        // reg 23(3): balance payable 22 May (issue 8 May + 14); the hold to 25 July delays the summons to Monday 28 July,
        // and SI 1998/295 reg 3 puts the hearing at the first session 14 or more days later: 12 August, not 5 August.
        var (ok, result) = Run(FailedReminder);

        ok.ShouldBeTrue(result.ToJsonString());
        var actions = result["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();
        actions.Select(a => $"{a["date"]} {a["action"]} {a["amount"]} {a["hearing"]}").ShouldBe([
            "2025-05-08 first-reminder 150.00 ",
            "2025-05-22 instalments-lost 1350.00 ",
            "2025-07-28 summons 1299.50 2025-08-12",
        ]);
        actions.ShouldAllBe(a => a["source"]!.GetValue<string>().Length > 0);
        actions.Take(2).ShouldAllBe(a => !a.ContainsKey("hearing"));
        actions[0]["amount"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.String);
    }

    [Fact]
    public void Optional_lists_and_the_profile_may_be_left_out()
    {
        // Contract: unknown fields are ignored; the profile defaults to the council tax timetable (reg 23, 34; SI 1998/295).
        var input = """{ "financialYear": 2025, "instalments": [ { "due": "2025-05-01", "amount": "10.00" }, { "due": "2025-06-01", "amount": "10.00" } ], "asAt": "2025-05-20", "colour": "blue" }""";

        var (ok, result) = Run(input);

        ok.ShouldBeTrue(result.ToJsonString());
        result["actions"]!.AsArray().Select(a => $"{a!["date"]} {a["action"]} {a["amount"]}").ShouldBe(["2025-05-08 first-reminder 10.00"]);
    }

    [Theory]
    [InlineData("instalments", """[ { "due": "2025-04-01", "amount": "1.00" }, { "due": "2025-05-01", "amount": "1.00" }, { "due": "2025-02-30", "amount": "1.00" } ]""", "instalments[2].due")]
    [InlineData("instalments", """[ { "due": "2026-04-01", "amount": "1.00" } ]""", "instalments[0].due")]
    [InlineData("instalments", """[ { "due": "2025-04-01", "amount": "1.00" }, { "due": "2025-05-01", "amount": "12.345" } ]""", "instalments[1].amount")]
    [InlineData("instalments", """[ { "due": "2025-04-01", "amount": "0.00" } ]""", "instalments[0].amount")]
    [InlineData("instalments", """[ { "due": "2025-04-01" } ]""", "instalments[0].amount")]
    [InlineData("instalments", """[ "2025-04-01" ]""", "instalments[0]")]
    [InlineData("instalments", """[]""", "instalments")]
    [InlineData("instalments", """{ "due": "2025-04-01" }""", "instalments")]
    [InlineData("instalments", "", "instalments")]
    [InlineData("payments", """[ { "date": "2025-04-01", "amount": -5 } ]""", "payments[0].amount")]
    [InlineData("payments", """[ { "date": "2025-04-01", "amount": "-5.00" } ]""", "payments[0].amount")]
    [InlineData("profile", """{ "reminderDaysAfterDue": "seven" }""", "profile.reminderDaysAfterDue")]
    [InlineData("profile", """{ "reminderDaysAfterDue": 0 }""", "profile.reminderDaysAfterDue")]
    [InlineData("profile", """{ "minimumDaysSummonsToHearing": 10 }""", "profile.minimumDaysSummonsToHearing")]
    [InlineData("profile", """{ "summonsDaysAfterBalanceDue": -1 }""", "profile.summonsDaysAfterBalanceDue")]
    [InlineData("courtSessions", """[ "2025-07-15", "15/07/2025" ]""", "courtSessions[1]")]
    [InlineData("holds", """[ { "from": "2025-06-05", "to": "2025-06-04", "reason": "dispute" } ]""", "holds[0].to")]
    [InlineData("holds", """[ { "to": "2025-06-04" } ]""", "holds[0].from")]
    [InlineData("asAt", "", "asAt")]
    [InlineData("asAt", "\"31 March 2026\"", "asAt")]
    [InlineData("financialYear", "\"2025\"", "financialYear")]
    [InlineData("regime", "\"business-rates\"", "regime")]
    public void Bad_input_is_refused_naming_the_json_path(string field, string value, string expectedPath)
    {
        // shared/contracts.md: invalid input gives {"error": {"field": "<json path>", "message": "..."}}.
        var (ok, result) = Run(With(field, value));

        ok.ShouldBeFalse(result.ToJsonString());
        result["error"]!["field"]!.GetValue<string>().ShouldBe(expectedPath);
        result["error"]!["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }
}
