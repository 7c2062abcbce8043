using NodaTime;
using Reeve.Kernel;

namespace Reeve.People;

public enum Frequency
{
    Weekly,
    Fortnightly,
    Monthly,
}

public static class Frequencies
{
    public static string Code(this Frequency f) => f switch
    {
        Frequency.Weekly => "weekly",
        Frequency.Fortnightly => "fortnightly",
        Frequency.Monthly => "monthly",
    };

    public static Frequency? FromCode(string? code) => code switch
    {
        "weekly" => Frequency.Weekly,
        "fortnightly" => Frequency.Fortnightly,
        "monthly" => Frequency.Monthly,
        _ => null,
    };

    /// <summary>The n-th due date (0 is the first): weeks and fortnights by days, months by calendar month.</summary>
    public static LocalDate DueDate(this Frequency f, LocalDate first, int n) => f switch
    {
        Frequency.Weekly => first.PlusDays(7 * n),
        Frequency.Fortnightly => first.PlusDays(14 * n),
        Frequency.Monthly => first.PlusMonths(n),
    };

    /// <summary>
    /// A monthly amount as an amount per instalment: a year has 52 weeks and 26 fortnights to 12 months. Rounded
    /// down to the penny so the person is never asked for more than they can afford.
    /// </summary>
    public static Money FromMonthly(this Frequency f, Money monthly) => f switch
    {
        Frequency.Weekly => Rounding.RoundTowardZeroToPence(monthly, 12, 52),
        Frequency.Fortnightly => Rounding.RoundTowardZeroToPence(monthly, 12, 26),
        Frequency.Monthly => monthly,
    };
}

public sealed record Instalment(int Number, LocalDate DueOn, Money Amount);

/// <summary>A council debt an arrangement may cover: an account the person is liable on, with its balance.</summary>
public sealed record CoveredDebt(long AccountId, string Reference, Money Balance, bool OngoingLiability, bool Priority);

public sealed record AccountShare(long AccountId, string Reference, Money Balance, Money Monthly);

/// <summary>The offer: what the person can pay the council each month and how it is shared across their accounts.</summary>
public sealed record ArrangementOffer(
    Money Monthly, Money Total, IReadOnlyList<AccountShare> Shares, AffordabilityResult Assessment,
    IReadOnlyList<(string Step, Money Amount, string Source)> Explanation);

/// <summary>
/// Proposes an affordable arrangement across everything a person owes the council, and builds its schedule. Pure:
/// the handler reads the assessment and balances, and writes what this decides.
/// </summary>
public static class ArrangementPlan
{
    /// <summary>
    /// Runs the affordability assessment over the person's other debts and the council's accounts together (council
    /// tax is a priority debt: shared/rulebook.md section 7), then shares the council's part across its accounts:
    /// accounts with an ongoing liability first (the current year must keep being paid, even in a standard Breathing
    /// Space), then the other priority debts, then the rest pro rata to balance.
    /// </summary>
    public static ArrangementOffer Propose(Budget budget, SpendingGuidelines guidelines, IReadOnlyList<CoveredDebt> accounts)
    {
        var owed = accounts.Where(a => a.Balance.IsPositive).ToList();
        var council = owed.Select(a => new Debt(a.Reference, "council", a.Balance, a.Priority || a.OngoingLiability)).ToList();
        var assessment = Affordability.Assess(budget with { Debts = budget.Debts.Concat(council).ToList() }, guidelines);
        var monthly = Money.Sum(assessment.Offers.Where(o => owed.Any(a => a.Reference == o.Reference)).Select(o => o.Monthly));
        var shares = Share(monthly, owed);
        var total = Money.Sum(owed.Select(a => a.Balance));
        var steps = assessment.Explanation.ToList();
        steps.Add(("Offered to the council's accounts each month", monthly, "Affordability assessment, council tax as a priority debt"));
        steps.Add(("Covered by the arrangement (balances owed)", total, "Ledger balances of the accounts the person is liable on"));
        return new ArrangementOffer(monthly, total, shares, assessment, steps);
    }

    /// <summary>Shares an amount in tiers (ongoing liability, priority, the rest), each tier pro rata to balance and capped at it.</summary>
    public static IReadOnlyList<AccountShare> Share(Money monthly, IReadOnlyList<CoveredDebt> accounts)
    {
        var given = accounts.ToDictionary(a => a.AccountId, _ => Money.Zero);
        var left = monthly;
        var tiers = new[]
        {
            accounts.Where(a => a.OngoingLiability).ToList(),
            accounts.Where(a => !a.OngoingLiability && a.Priority).ToList(),
            accounts.Where(a => !a.OngoingLiability && !a.Priority).ToList(),
        };
        foreach (var tier in tiers)
        {
            var open = tier.Where(a => a.Balance.IsPositive).ToList();
            while (left.IsPositive && open.Count > 0)
            {
                var parts = Rounding.SplitProportionally(left, open.Select(a => (a.Balance - given[a.AccountId]).Pence).ToList());
                var spent = Money.Zero;
                for (var i = 0; i < open.Count; i++)
                {
                    var part = Money.Min(parts[i], open[i].Balance - given[open[i].AccountId]);
                    given[open[i].AccountId] += part;
                    spent += part;
                }

                left -= spent;
                open = open.Where(a => given[a.AccountId] < a.Balance).ToList();
                if (spent.IsZero)
                {
                    break;
                }
            }
        }

        return accounts.Select(a => new AccountShare(a.AccountId, a.Reference, a.Balance, given[a.AccountId])).ToList();
    }

    /// <summary>
    /// Equal instalments of the given amount from the first date until the total is paid; the last instalment is
    /// what is left, so the schedule adds up exactly to the total.
    /// </summary>
    public static IReadOnlyList<Instalment> Schedule(Money total, Money perInstalment, Frequency frequency, LocalDate first)
    {
        if (!perInstalment.IsPositive || !total.IsPositive)
        {
            return [];
        }

        var instalments = new List<Instalment>();
        var left = total;
        for (var n = 0; left.IsPositive; n++)
        {
            var amount = Money.Min(perInstalment, left);
            instalments.Add(new Instalment(n + 1, frequency.DueDate(first, n), amount));
            left -= amount;
        }

        return instalments;
    }

    /// <summary>Why a schedule cannot be agreed, or null: it must add up exactly to the total, in date order, every amount positive.</summary>
    public static string? Problem(Money total, IReadOnlyList<Instalment> instalments)
    {
        if (instalments.Count == 0)
        {
            return "An arrangement needs at least one instalment";
        }

        if (instalments.Any(i => !i.Amount.IsPositive))
        {
            return "Every instalment must be more than £0.00";
        }

        for (var i = 1; i < instalments.Count; i++)
        {
            if (instalments[i].DueOn <= instalments[i - 1].DueOn)
            {
                return $"Instalment {i + 1} is not after instalment {i}: put the dates in order";
            }
        }

        var sum = Money.Sum(instalments.Select(i => i.Amount));
        return sum == total
            ? null
            : $"The instalments add up to {sum.ToDisplayString()} but the arrangement is for {total.ToDisplayString()}";
    }

    /// <summary>Whole calendar months from the first instalment to the last, counted as the policy counts a term.</summary>
    public static int TermMonths(IReadOnlyList<Instalment> instalments) =>
        instalments.Count == 0 ? 0 : Period.Between(instalments[0].DueOn, instalments[^1].DueOn, PeriodUnits.Months).Months + 1;
}
