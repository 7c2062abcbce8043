using System.Text.Json.Nodes;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;
using Reeve.Sundry.Domain;

namespace Reeve.Sundry.Features.CalculateLatePaymentInterest;

/// <summary>`late-payment-interest` (shared/contracts.md): statutory interest and fixed compensation on one business debt.</summary>
public sealed class LatePaymentInterestCalculator : ICalculator
{
    private const string Act = "Late Payment of Commercial Debts (Interest) Act 1998";

    public string Kind => "late-payment-interest";

    public JsonObject Calculate(JsonObject input)
    {
        var json = new JsonInput(input);
        var debt = json.Money("debt");
        if (!debt.IsPositive)
        {
            throw json.Wrong("debt", "The debt must be more than 0.00");
        }

        var due = json.Date("dueDate");
        var asAt = json.Date("asAt");
        if (asAt <= due)
        {
            throw json.Wrong("asAt", "Must be after dueDate: interest runs from the day after the due date");
        }

        var rates = input["baseRates"] is null ? SundryTables.BankRates : GivenRates(input, json);
        var result = LatePaymentInterest.Calculate(debt, due, asAt, rates)
            ?? throw json.Wrong("dueDate",
                $"Bank Rate on the reference day {DateText.FormatIso(LatePaymentInterest.ReferenceDay(due.PlusDays(1)))} is not known: give it in baseRates");
        return new JsonObject
        {
            ["interest"] = JsonOutput.Money(result.Interest),
            ["dailyInterest"] = JsonOutput.Money(result.DailyInterest),
            ["compensation"] = JsonOutput.Money(result.Compensation),
            ["referenceRate"] = Percent.Format(result.ReferenceRateBasisPoints),
            ["annualRate"] = Percent.Format(result.AnnualRateBasisPoints),
            ["explanation"] = JsonOutput.Explanation(
            [
                new ExplanationStep("Debt", debt, Act + " s3"),
                new ExplanationStep(
                    $"Reference rate {Percent.Format(result.ReferenceRateBasisPoints)}% (Bank Rate on {DateText.FormatLong(result.ReferenceDay)}) plus 8% gives {Percent.Format(result.AnnualRateBasisPoints)}% a year, simple; daily interest shown",
                    result.DailyInterest, "Late Payment of Commercial Debts (Rate of Interest) (No. 3) Order 2002 (SI 2002/1675) art 4"),
                new ExplanationStep(
                    $"Interest for {result.Days} days from {DateText.FormatLong(result.InterestFrom)} to {DateText.FormatLong(asAt)}: debt x {Percent.Format(result.AnnualRateBasisPoints)}% x {result.Days}/365, rounded to the penny",
                    result.Interest, Act + " s4(2) (interest runs from the day after the relevant date)"),
                new ExplanationStep("Fixed compensation for the debt's size", result.Compensation, Act + " s5A(2)"),
            ]),
        };
    }

    private static BankRateTable GivenRates(JsonObject input, JsonInput json)
    {
        if (input["baseRates"] is not JsonArray array)
        {
            throw json.Wrong("baseRates", "Must be a list of {\"from\": date, \"rate\": percent}");
        }

        var changes = new List<BankRateChange>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject entry)
            {
                throw new CalculatorInputException($"baseRates[{i}]", "Must be an object with from and rate");
            }

            var item = new JsonInput(entry, $"baseRates[{i}]");
            var from = item.Date("from");
            if (!Percent.TryParseBasisPoints(item.Text("rate"), out var bp))
            {
                throw item.Wrong("rate", "Must be a percentage written as text with at most two decimals, like \"4.75\"");
            }

            changes.Add(new BankRateChange(from, bp));
        }

        return new BankRateTable(changes, KnownTo: null);
    }
}
