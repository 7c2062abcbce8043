using System.Text.Json.Nodes;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;

namespace Reeve.Enforcement.Features.CalculateAttachmentDeduction;

/// <summary>
/// `attachment-of-earnings` (shared/contracts.md): the deduction a council tax attachment of earnings order takes from one pay,
/// under the Schedule 4 table in force on the pay date. The same rule makes an order's deduction (MakeAttachmentOrder).
/// </summary>
internal sealed class AttachmentOfEarningsCalculator : ICalculator
{
    public string Kind => "attachment-of-earnings";

    public JsonObject Calculate(JsonObject input)
    {
        var json = new JsonInput(input);
        var net = json.Money("netEarnings");
        var period = PayPeriods.FromCode(json.Text("payPeriod"))
            ?? throw json.Wrong("payPeriod", "Must be \"weekly\", \"monthly\" or \"daily\" (other pay periods are converted by the employer under reg 38(2)-(4))");
        var payDate = json.Date("payDate");
        var table = EnforcementTables.EarningsDeductions;
        var result = table.For(period, payDate, net)
            ?? throw json.Wrong("payDate", $"Reeve knows the Schedule 4 tables in force from {DateText.FormatIso(table.EarliestKnown)} (SI 2006/3395); an order paid before then used earlier figures");
        var output = new JsonObject
        {
            ["deduction"] = JsonOutput.Money(result.Deduction),
            ["percent"] = result.Percent,
        };
        if (result.RemainderPercent is { } rest)
        {
            output["remainderPercent"] = rest;
        }

        output["explanation"] = JsonOutput.Explanation(result.Explanation);
        return output;
    }
}
