using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests.Domain;

public class AffordabilityTests
{
    private static Budget Budget(string income, string spending, params Debt[] debts) =>
        new(1, 0, [("earnings", MoneyText.Parse(income))], [("homeAndContents", MoneyText.Parse(spending))], debts);

    private static Debt D(string reference, string balance, bool priority) => new(reference, priority ? "council-tax" : "sundry", MoneyText.Parse(balance), priority);

    [Fact]
    public void Priority_debts_are_offered_what_is_available_before_other_debts()
    {
        // SFS practice: priority debts (council tax) first, the rest pro rata.
        var result = Affordability.Assess(Budget("1000.00", "800.00", D("CT", "640.00", true), D("SUN", "300.00", false)), SpendingGuidelines.DemoExample);

        result.DisposableIncome.ShouldBe(MoneyText.Parse("200.00"));
        result.Offers.Select(o => o.Monthly).ShouldBe([MoneyText.Parse("200.00"), Money.Zero]);
    }

    [Fact]
    public void What_is_left_after_priority_debts_is_shared_pro_rata_to_the_other_balances()
    {
        var result = Affordability.Assess(Budget("1000.00", "500.00", D("CT", "100.00", true), D("A", "300.00", false), D("B", "100.00", false)), SpendingGuidelines.DemoExample);

        result.Offers.Select(o => o.Monthly).ShouldBe([MoneyText.Parse("100.00"), MoneyText.Parse("300.00"), MoneyText.Parse("100.00")]);
    }

    [Fact]
    public void A_deficit_budget_offers_nothing_and_refers_to_free_debt_advice()
    {
        var result = Affordability.Assess(Budget("900.00", "1000.00", D("CT", "640.00", true)), SpendingGuidelines.DemoExample);

        result.Offers.ShouldHaveSingleItem().Monthly.ShouldBe(Money.Zero);
        result.Flags.Select(f => f.Code).ShouldContain("deficit-budget");
    }

    [Fact]
    public void Spending_above_the_guideline_for_the_household_is_flagged()
    {
        // Demo example guideline: food £340 for one adult plus £150 for each child.
        var budget = new Budget(1, 2, [("earnings", Money.FromPounds(2000))], [("foodAndHousekeeping", Money.FromPounds(700))], []);

        Affordability.Assess(budget, SpendingGuidelines.DemoExample).Flags.Select(f => f.Code).ShouldContain("above-guideline:foodAndHousekeeping");
        Affordability.Assess(budget with { Expenditure = [("foodAndHousekeeping", Money.FromPounds(640))] }, SpendingGuidelines.DemoExample).Flags.ShouldBeEmpty();
    }

    [Fact]
    public void Offers_never_exceed_what_is_available_nor_any_balance()
    {
        PropertyCheck.Holds(Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var rng = new Random(seed);
            var debts = Enumerable.Range(0, rng.Next(1, 6)).Select(i => new Debt($"R{i}", "x", Money.FromPence(rng.Next(0, 200_000)), rng.Next(2) == 0)).ToArray();
            var budget = new Budget(1, 0, [("earnings", Money.FromPence(rng.Next(0, 300_000)))], [("fixedCosts", Money.FromPence(rng.Next(0, 300_000)))], debts);
            var result = Affordability.Assess(budget, SpendingGuidelines.DemoExample);
            var offered = Money.Sum(result.Offers.Select(o => o.Monthly));
            var available = result.DisposableIncome.IsPositive ? result.DisposableIncome : Money.Zero;
            return offered <= available
                && result.Offers.Zip(debts).All(p => p.First.Monthly <= p.Second.Balance && !p.First.Monthly.IsNegative)
                && (offered == available || result.Offers.Zip(debts).All(p => p.First.Monthly == p.Second.Balance));
        }));
    }

    [Fact]
    public void The_contract_example_runs_through_the_calculator()
    {
        // shared/contracts.md `affordability`.
        var input = """
            {"householdAdults": 1, "householdChildren": 2,
             "monthlyIncome": {"earnings": "1450.00", "benefits": "620.00", "pensions": "0.00", "other": "0.00"},
             "monthlyExpenditure": {"homeAndContents": "780.00", "travel": "60.00", "communicationsAndLeisure": "70.00",
               "foodAndHousekeeping": "520.00", "personalCosts": "90.00", "savings": "0.00", "fixedCosts": "210.00"},
             "debts": [{"reference": "CT-100234", "kind": "council-tax", "balance": "640.00", "priority": true},
                       {"reference": "SUN-5521", "kind": "sundry", "balance": "300.00", "priority": false}]}
            """;

        var (ok, json) = Reeve.Calculators.CalculatorCatalogue.Create().Run("affordability", input);

        ok.ShouldBeTrue(json.ToJsonString());
        json["disposableIncome"]!.GetValue<string>().ShouldBe("340.00");
        json["offers"]!.AsArray().Select(o => o!["monthly"]!.GetValue<string>()).ShouldBe(["340.00", "0.00"]);
        json["explanation"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Bad_money_in_the_calculator_input_is_refused_naming_the_field()
    {
        var (ok, json) = Reeve.Calculators.CalculatorCatalogue.Create().Run("affordability",
            """{"householdAdults": 1, "monthlyIncome": {"earnings": "1450.001"}, "monthlyExpenditure": {}}""");

        ok.ShouldBeFalse();
        json["error"]!["field"]!.GetValue<string>().ShouldBe("monthlyIncome.earnings");
        _ = JsonNode.Parse(json.ToJsonString());
    }
}
