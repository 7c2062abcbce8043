using System.Text.Json.Nodes;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;

namespace Reeve.Enforcement.Features.CalculateEnforcementFees;

/// <summary>
/// `enforcement-fees` (shared/contracts.md): the fees an enforcement agent may recover for the stages reached, under the
/// Taking Control of Goods (Fees) Regulations 2014 table in force on the date. The same table will check agents' returns.
/// </summary>
internal sealed class EnforcementFeesCalculator : ICalculator
{
    public string Kind => "enforcement-fees";

    public JsonObject Calculate(JsonObject input)
    {
        var json = new JsonInput(input);
        var debt = json.Money("debt");
        var stages = Stages(json, input);
        var date = json.Date("date");
        var table = EnforcementTables.EnforcementFees;
        var result = table.For(debt, stages, date)
            ?? throw json.Wrong("date", $"Reeve knows the fees in force from {DateText.FormatIso(table.EarliestKnown)} (SI 2014/1); enforcement before then was distress, under other rules");
        return new JsonObject
        {
            ["fees"] = new JsonArray([.. result.Fees.Select(f => (JsonNode)new JsonObject
            {
                ["stage"] = f.Stage.Code(),
                ["amount"] = JsonOutput.Money(f.Amount),
            })]),
            ["total"] = JsonOutput.Money(result.Total),
            ["explanation"] = JsonOutput.Explanation(result.Explanation),
        };
    }

    // Every case starts at the compliance stage, and a later stage is reached only through the earlier ones (SI 2014/1 reg 5 and
    // the Schedule), so the stages must be a run from compliance with none repeated.
    private static List<FeeStage> Stages(JsonInput json, JsonObject input)
    {
        if (input["stagesReached"] is not JsonArray list)
        {
            throw input["stagesReached"] is null ? json.Missing("stagesReached") : json.Wrong("stagesReached", "Must be a list of stages");
        }

        if (list.Count == 0)
        {
            throw json.Wrong("stagesReached", "Name at least the compliance stage: every case starts there (SI 2014/1 reg 5(1))");
        }

        var stages = new List<FeeStage>();
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"stagesReached[{i}]";
            var code = list[i] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            var stage = FeeStages.FromCode(code)
                ?? throw new CalculatorInputException(field, "Must be \"compliance\", \"enforcement\" or \"sale\"");
            if (stages.Contains(stage))
            {
                throw new CalculatorInputException(field, $"The {stage.Code()} stage is named twice: each stage's fee is recoverable once (SI 2014/1 reg 5(1))");
            }

            stages.Add(stage);
        }

        var missing = Enum.GetValues<FeeStage>().Where(s => s < stages.Max() && !stages.Contains(s)).ToList();
        if (missing.Count > 0)
        {
            throw json.Wrong("stagesReached",
                $"A case reaches the {stages.Max().Code()} stage only through the {string.Join(" and ", missing.Select(s => s.Code()))} stage (SI 2014/1 Schedule Table 1): name every stage reached");
        }

        return stages;
    }
}
