using System.Text.Json.Nodes;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;

namespace Reeve.People;

/// <summary>
/// `affordability` (shared/contracts.md): an income and expenditure assessment in Standard Financial Statement
/// categories and the affordable monthly offer across the person's debts. The guideline figures are the demo
/// council's invented examples until a council loads its own.
/// </summary>
public sealed class AffordabilityCalculator : ICalculator
{
    public static readonly string[] IncomeCategories = ["earnings", "benefits", "pensions", "other"];

    public static readonly string[] ExpenditureCategories =
        ["homeAndContents", "travel", "communicationsAndLeisure", "foodAndHousekeeping", "personalCosts", "savings", "fixedCosts"];

    public string Kind => "affordability";

    public JsonObject Calculate(JsonObject input)
    {
        var result = Affordability.Assess(ReadBudget(input), SpendingGuidelines.DemoExample);
        return new JsonObject
        {
            ["totalIncome"] = MoneyJsonConverter.Node(result.TotalIncome),
            ["totalExpenditure"] = MoneyJsonConverter.Node(result.TotalExpenditure),
            ["disposableIncome"] = MoneyJsonConverter.Node(result.DisposableIncome),
            ["offers"] = new JsonArray(result.Offers.Select(o => (JsonNode)new JsonObject { ["reference"] = o.Reference, ["monthly"] = MoneyJsonConverter.Node(o.Monthly) }).ToArray()),
            ["flags"] = new JsonArray(result.Flags.Select(f => (JsonNode)new JsonObject { ["code"] = f.Code, ["message"] = f.Message }).ToArray()),
            ["guidelines"] = "Example figures for the demo council, not the official Standard Financial Statement spending guidelines",
            ["explanation"] = new JsonArray(result.Explanation.Select(s => (JsonNode)new JsonObject { ["step"] = s.Step, ["amount"] = MoneyJsonConverter.Node(s.Amount), ["source"] = s.Source }).ToArray()),
        };
    }

    /// <summary>
    /// Reads a budget in the contract's shape; a bad field throws <see cref="CalculatorInputException"/> naming it.
    /// The income and expenditure API takes the same shape, so both refuse the same input in the same words.
    /// </summary>
    public static Budget ReadBudget(JsonObject input)
    {
        var json = new JsonInput(input);
        var adults = json.Int("householdAdults", null, 1, 20);
        var children = json.Int("householdChildren", 0, 0, 20);
        var income = Categories(json, "monthlyIncome", IncomeCategories);
        var spending = Categories(json, "monthlyExpenditure", ExpenditureCategories);
        return new Budget(adults, children, income, spending, Debts(input));
    }

    private static List<(string, Money)> Categories(JsonInput json, string name, string[] categories)
    {
        var section = json.Object(name) ?? throw json.Missing(name);
        var amounts = new List<(string, Money)>();
        foreach (var category in categories)
        {
            var amount = section.Money(category, Money.Zero);
            if (amount.IsNegative)
            {
                throw section.Wrong(category, "Cannot be negative");
            }

            amounts.Add((category, amount));
        }

        return amounts;
    }

    private static List<Debt> Debts(JsonObject input)
    {
        if (input["debts"] is null)
        {
            return [];
        }

        if (input["debts"] is not JsonArray array)
        {
            throw new CalculatorInputException("debts", "Must be a list of debts");
        }

        var debts = new List<Debt>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                throw new CalculatorInputException($"debts[{i}]", "Each debt is an object");
            }

            var debt = new JsonInput(item, $"debts[{i}]");
            var reference = debt.Text("reference");
            if (debts.Any(d => d.Reference == reference))
            {
                throw debt.Wrong("reference", "Each debt needs its own reference");
            }

            var balance = debt.Money("balance");
            if (balance.IsNegative)
            {
                throw debt.Wrong("balance", "A balance owed cannot be negative");
            }

            debts.Add(new Debt(reference, debt.OptionalText("kind") ?? "other", balance, debt.Bool("priority", false)));
        }

        return debts;
    }
}
