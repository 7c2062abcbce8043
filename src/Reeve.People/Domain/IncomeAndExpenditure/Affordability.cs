using Reeve.Kernel;

namespace Reeve.People;

/// <summary>A monthly budget in Standard Financial Statement categories, and the debts to offer against.</summary>
public sealed record Budget(
    int HouseholdAdults,
    int HouseholdChildren,
    IReadOnlyList<(string Category, Money Monthly)> Income,
    IReadOnlyList<(string Category, Money Monthly)> Expenditure,
    IReadOnlyList<Debt> Debts);

public sealed record Debt(string Reference, string Kind, Money Balance, bool Priority);

public sealed record Offer(string Reference, Money Monthly);

public sealed record AffordabilityFlag(string Code, string Message);

public sealed record AffordabilityResult(
    Money TotalIncome,
    Money TotalExpenditure,
    Money DisposableIncome,
    IReadOnlyList<Offer> Offers,
    IReadOnlyList<AffordabilityFlag> Flags,
    IReadOnlyList<(string Step, Money Amount, string Source)> Explanation);

/// <summary>
/// What a person can afford each month, from a Standard Financial Statement: income less essential spending, offered
/// to priority debts first (council tax among them: its non-payment can end in committal) and the rest shared pro rata
/// to the balances, never more than a debt's balance. A deficit budget offers nothing and is referred to free debt advice.
/// </summary>
public static class Affordability
{
    private const string Sfs = "Standard Financial Statement (Money Advice Trust / Money and Pensions Service)";

    public static AffordabilityResult Assess(Budget budget, SpendingGuidelines guidelines)
    {
        var income = Money.Sum(budget.Income.Select(i => i.Monthly));
        var spending = Money.Sum(budget.Expenditure.Select(e => e.Monthly));
        var disposable = income - spending;
        var steps = new List<(string, Money, string)>
        {
            ("Monthly income", income, Sfs),
            ("Monthly essential expenditure", spending, Sfs),
            ("Disposable income", disposable, Sfs),
        };
        var flags = new List<AffordabilityFlag>();
        if (income.IsZero)
        {
            flags.Add(new("no-income-declared", "No income has been declared: check benefits entitlement and ask about income"));
        }

        if (disposable.IsNegative)
        {
            flags.Add(new("deficit-budget", "Spending is more than income: refer to free debt advice (StepChange, National Debtline, Citizens Advice) and check support schemes"));
        }

        foreach (var (category, monthly) in budget.Expenditure)
        {
            if (guidelines.For(category, budget.HouseholdAdults, budget.HouseholdChildren) is { } limit && monthly > limit)
            {
                flags.Add(new($"above-guideline:{category}", $"{category} of {monthly.ToDisplayString()} is above the guideline of {limit.ToDisplayString()} for this household: ask about it"));
            }
        }

        var available = disposable.IsPositive ? disposable : Money.Zero;
        var priority = Share(budget.Debts.Where(d => d.Priority).ToList(), available, out var left);
        steps.Add(("Offered to priority debts", Money.Sum(priority.Select(o => o.Monthly)), "Priority debts first: Debt Respite Scheme and SFS guidance on priority debts"));
        var rest = Share(budget.Debts.Where(d => !d.Priority).ToList(), left, out _);
        steps.Add(("Shared pro rata among the other debts", Money.Sum(rest.Select(o => o.Monthly)), "Pro rata to balances"));
        var offers = budget.Debts.Select(d => priority.Concat(rest).First(o => o.Reference == d.Reference)).ToList();
        return new AffordabilityResult(income, spending, disposable, offers, flags, steps);
    }

    // Shares an amount among debts in proportion to their balances, each capped at its balance; what the caps leave
    // over goes round again to the debts not yet capped. The shares add up exactly to what is shared.
    private static List<Offer> Share(List<Debt> debts, Money amount, out Money left)
    {
        var given = debts.ToDictionary(d => d.Reference, _ => Money.Zero, StringComparer.Ordinal);
        left = amount;
        var open = debts.Where(d => d.Balance.IsPositive).ToList();
        while (left.IsPositive && open.Count > 0)
        {
            var parts = Rounding.SplitProportionally(left, open.Select(d => (d.Balance - given[d.Reference]).Pence).ToList());
            var spent = Money.Zero;
            for (var i = 0; i < open.Count; i++)
            {
                var room = open[i].Balance - given[open[i].Reference];
                var part = Money.Min(parts[i], room);
                given[open[i].Reference] += part;
                spent += part;
            }

            left -= spent;
            open = open.Where(d => given[d.Reference] < d.Balance).ToList();
            if (spent.IsZero)
            {
                break;
            }
        }

        return debts.Select(d => new Offer(d.Reference, given[d.Reference])).ToList();
    }
}
