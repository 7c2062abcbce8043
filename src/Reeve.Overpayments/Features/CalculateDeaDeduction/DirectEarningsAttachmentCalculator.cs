using System.Text.Json.Nodes;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;
using Reeve.Overpayments.Domain;

namespace Reeve.Overpayments.Features.CalculateDeaDeduction;

/// <summary>
/// `direct-earnings-attachment` (shared/contracts.md): the deduction a Direct Earnings Attachment takes from one pay to recover a
/// Housing Benefit overpayment, under the SI 2013/384 reg 20 table in force on the pay date for the rate and pay period.
/// </summary>
internal sealed class DirectEarningsAttachmentCalculator : ICalculator
{
    public string Kind => "direct-earnings-attachment";

    public JsonObject Calculate(JsonObject input)
    {
        var json = new JsonInput(input);
        var net = json.Money("netEarnings");
        var period = DeaCodes.PeriodFromCode(json.Text("payPeriod"))
            ?? throw json.Wrong("payPeriod", "Must be \"weekly\" or \"monthly\" (the employer converts fortnightly or four-weekly pay to a weekly figure)");
        var rate = DeaCodes.RateFromCode(json.Text("rate"))
            ?? throw json.Wrong("rate", "Must be \"standard\" (SI 2013/384 reg 20(3)) or \"higher\" (reg 20(3A)-(3B), after a conviction for the overpayment)");
        var payDate = json.Date("payDate");
        var table = OverpaymentTables.DirectEarningsAttachment;
        var result = table.For(rate, period, payDate, net)
            ?? throw json.Wrong("payDate", rate == DeaRate.Higher
                ? $"The higher rate tables are in force from {DateText.FormatIso(table.FirstInForce(rate))} (SI 2015/499); no higher rate applies to a pay before then"
                : $"Direct Earnings Attachments are in force from {DateText.FormatIso(table.FirstInForce(rate))} (SI 2013/384); no DEA applies to a pay before then");
        return new JsonObject
        {
            ["deduction"] = JsonOutput.Money(result.Deduction),
            ["percent"] = result.Percent,
            ["explanation"] = JsonOutput.Explanation(result.Explanation),
        };
    }
}
