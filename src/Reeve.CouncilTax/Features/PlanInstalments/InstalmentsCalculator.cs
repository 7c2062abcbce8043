using System.Text.Json.Nodes;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;

namespace Reeve.CouncilTax.Features.PlanInstalments;

/// <summary>`instalments`: the statutory instalment schedule for any amount, council tax or business rates (shared/contracts.md).</summary>
public sealed class InstalmentsCalculator : ICalculator
{
    public string Kind => "instalments";

    public JsonObject Calculate(JsonObject input)
    {
        var json = new JsonInput(input);
        var regime = json.Text("regime") switch
        {
            "council-tax" => InstalmentRegime.CouncilTax,
            "business-rates" => InstalmentRegime.BusinessRates,
            _ => throw json.Wrong("regime", "Must be \"council-tax\" or \"business-rates\""),
        };
        var total = json.Money("total");
        var year = json.Year("financialYear");
        var issued = json.Date("issued");
        if (issued > year.LastDay)
        {
            throw json.Wrong("issued", $"A notice for {year} must be issued by {DateText.Iso.Format(year.LastDay)}");
        }

        var requested = json.OptionalInt("requested", 1, 12);
        var dayOfMonth = json.Int("dayOfMonth", 1, 1, 31);
        var plan = Domain.Instalments.Plan(regime, total, issued, year, requested, dayOfMonth);
        return new JsonObject
        {
            ["instalments"] = JsonOutput.Instalments(plan.Instalments),
            ["explanation"] = JsonOutput.Explanation(plan.Explanation),
        };
    }
}
