using System.Text.Json.Nodes;
using NodaTime;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery.Features.CalculateTimeline;

/// <summary>
/// `recovery-timeline`: what the recovery engine does to one council tax account over one financial year
/// (shared/contracts.md). Reads the case, refusing bad input with the JSON path at fault, and runs
/// <see cref="RecoveryEngine"/> on the England and Wales calendar, as the daily run does.
/// </summary>
internal sealed class RecoveryTimelineCalculator : ICalculator
{
    // Upper bound on any interval in a profile: a year's timetable in days.
    private const int MaxProfileDays = 366;

    public string Kind => "recovery-timeline";

    public JsonObject Calculate(JsonObject input)
    {
        var timeline = RecoveryEngine.Play(Read(input), WorkingDays.EnglandAndWales);
        return new JsonObject
        {
            ["actions"] = new JsonArray([.. timeline.Actions.Select(Write)]),
            ["explanation"] = JsonOutput.Explanation(timeline.Explanation),
        };
    }

    private static JsonObject Write(RecoveryAction action)
    {
        var json = new JsonObject
        {
            ["date"] = JsonOutput.Date(action.Date),
            ["action"] = action.Step.Code(),
            ["amount"] = JsonOutput.Money(action.Amount),
        };
        if (action.Hearing is { } hearing)
        {
            json["hearing"] = JsonOutput.Date(hearing);
        }

        json["source"] = action.Source;
        return json;
    }

    internal static RecoveryCase Read(JsonObject input)
    {
        var json = new JsonInput(input);
        if (json.OptionalText("regime") is { } regime && regime != RecoveryRegime.CouncilTax.Code())
        {
            throw json.Wrong("regime", $"Must be \"{RecoveryRegime.CouncilTax.Code()}\": this timeline follows the {RecoveryRegime.CouncilTax.Regulations()}");
        }

        var year = json.Year("financialYear");
        var instalments = ReadInstalments(input, year);
        var payments = Objects(input, "payments", required: false)
            .Select(p => new Payment(p.Date("date"), p.Money("amount")))
            .ToList();
        var profile = ReadProfile(json);
        var sessions = Items(input, "courtSessions", required: false)
            .Select(item => DateAt(item.Node, item.Path))
            .ToList();
        var holds = Objects(input, "holds", required: false).Select(ReadHold).ToList();
        var asAt = json.Date("asAt");
        return new RecoveryCase(year, instalments, payments, profile, sessions, holds, asAt);
    }

    private static List<Instalment> ReadInstalments(JsonObject input, FinancialYear year)
    {
        var instalments = Objects(input, "instalments", required: true).Select(i =>
        {
            var due = i.Date("due");
            if (!year.Contains(due))
            {
                // CTAE Regs 1992 Sch 1 para 2(4): every instalment falls within the financial year.
                throw i.Wrong("due", $"Must fall within the financial year {year}, {DateText.LongForm.Format(year.FirstDay)} to {DateText.LongForm.Format(year.LastDay)}");
            }

            var amount = i.Money("amount");
            return amount.IsZero ? throw i.Wrong("amount", "Must be more than 0.00") : new Instalment(due, amount);
        }).ToList();

        return instalments.Count == 0
            ? throw new CalculatorInputException("instalments", "Must list at least one instalment")
            : instalments;
    }

    private static RecoveryProfile ReadProfile(JsonInput json)
    {
        var defaults = RecoveryProfile.CouncilTax;
        if (json.Object("profile") is not { } profile)
        {
            return defaults;
        }

        var hearingDays = profile.Int("minimumDaysSummonsToHearing", defaults.MinimumDaysSummonsToHearing, 0, MaxProfileDays);
        if (hearingDays < RecoveryProfile.StatutoryMinimumDaysSummonsToHearing)
        {
            throw profile.Wrong("minimumDaysSummonsToHearing",
                $"Must be at least {RecoveryProfile.StatutoryMinimumDaysSummonsToHearing}: the law requires 14 days from service of a summons to the hearing (SI 1998/295 reg 3)");
        }

        return new RecoveryProfile(
            profile.Int("reminderDaysAfterDue", defaults.ReminderDaysAfterDue, 1, MaxProfileDays),
            profile.Int("summonsDaysAfterBalanceDue", defaults.SummonsDaysAfterBalanceDue, 0, MaxProfileDays),
            hearingDays);
    }

    private static Hold ReadHold(JsonInput hold)
    {
        var from = hold.Date("from");
        var to = hold.Date("to");
        if (to < from)
        {
            throw hold.Wrong("to", $"Must be on or after \"from\" ({DateText.LongForm.Format(from)})");
        }

        var reason = hold.OptionalText("reason");
        return new Hold(new DateInterval(from, to), string.IsNullOrWhiteSpace(reason) ? "hold" : reason.Trim());
    }

    private static LocalDate DateAt(JsonNode? node, string path)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            throw new CalculatorInputException(path, "Must be a date written as YYYY-MM-DD");
        }

        var parsed = DateText.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new CalculatorInputException(path, $"'{text}' is not a real date written as YYYY-MM-DD");
    }

    private static List<JsonInput> Objects(JsonObject input, string name, bool required) =>
        [.. Items(input, name, required).Select(item => item.Node is JsonObject element
            ? new JsonInput(element, item.Path)
            : throw new CalculatorInputException(item.Path, "Must be an object"))];

    // A list field, each entry with its JSON path ("holds[0]"). A list given as null counts as missing.
    private static List<(JsonNode? Node, string Path)> Items(JsonObject input, string name, bool required) => input[name] switch
    {
        null when required => throw new CalculatorInputException(name, "This field is required"),
        null => [],
        JsonArray array => [.. array.Select((node, index) => (node, $"{name}[{index}]"))],
        _ => throw new CalculatorInputException(name, "Must be a list"),
    };
}
