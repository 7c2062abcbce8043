using System.Text.Json.Nodes;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;
using Reeve.Sundry.Domain;

namespace Reeve.Sundry.Features.CalculateCourtFee;

/// <summary>`county-court-claim-fee` (shared/contracts.md): the fee to issue a County Court claim for a specified sum.</summary>
public sealed class CourtFeeCalculator : ICalculator
{
    public string Kind => "county-court-claim-fee";

    public JsonObject Calculate(JsonObject input)
    {
        var json = new JsonInput(input);
        var claim = json.Money("claimAmount");
        if (!claim.IsPositive)
        {
            throw json.Wrong("claimAmount", "The claim must be for more than 0.00");
        }

        var route = json.Text("route") switch
        {
            "online" => ClaimRoute.Online,
            "paper" => ClaimRoute.Paper,
            _ => throw json.Wrong("route", "Must be \"online\" or \"paper\""),
        };
        var date = json.Date("date");
        return CourtFees.For(SundryTables.CourtFees, route, date, claim) switch
        {
            CourtFeeOutcome.Fee fee => new JsonObject
            {
                ["fee"] = JsonOutput.Money(fee.Amount),
                ["explanation"] = JsonOutput.Explanation(Explain(claim, route, fee)),
            },
            CourtFeeOutcome.NoTable none => throw json.Wrong("date",
                $"There is no confirmed fee table for {DateText.FormatIso(date)}: Reeve knows the tables from {DateText.FormatIso(none.EarliestKnown)} to {DateText.FormatIso(none.LatestKnown)} (later increases, SI 2024/476 and SI 2025/351, are not yet confirmed for this fee)"),
            _ => throw json.Wrong("claimAmount", // CourtFeeOutcome.RouteRefuses, the only other outcome
                $"A claim of {claim.ToDisplayString()} cannot be issued online on {DateText.FormatIso(date)}: Money Claim Online takes claims up to £100,000.00; issue it on paper"),
        };
    }

    private static List<ExplanationStep> Explain(Money claim, ClaimRoute route, CourtFeeOutcome.Fee fee)
    {
        var band = fee.Band.UpTo is { } top
            ? $"over {fee.Band.Over.ToDisplayString()} up to {top.ToDisplayString()}"
            : $"over {fee.Band.Over.ToDisplayString()}";
        var how = fee.Band.PercentBasisPoints is { } bp
            ? $"{Percent.Format(bp)}% of the claim, rounded down to the penny"
            : "a fixed fee";
        return
        [
            new ExplanationStep("Sum claimed, including any interest claimed", claim, "Civil Proceedings Fees Order 2008 (SI 2008/1053) Sch 1"),
            new ExplanationStep($"Issue fee, {(route == ClaimRoute.Online ? "online" : "paper")} claim {band}: {how}", fee.Amount, fee.Band.Source),
        ];
    }
}
