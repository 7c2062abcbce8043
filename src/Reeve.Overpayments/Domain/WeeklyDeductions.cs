using Reeve.Kernel;

namespace Reeve.Overpayments.Domain;

/// <summary>A debt being recovered from a claim's ongoing Housing Benefit, with what it still owes before the week.</summary>
public sealed record DebtOnClaim(long AccountId, string DecisionReference, OverpaymentCause Cause, NodaTime.LocalDate DecidedOn, Money Balance);

/// <summary>A claim paying Housing Benefit this week, with the top-up the council adds to the maximum deduction.</summary>
public sealed record LiveClaim(string ClaimReference, Money WeeklyAward, Money TopUp, IReadOnlyList<DebtOnClaim> Debts);

/// <summary>What one debt gives up from one week's benefit, and why.</summary>
public sealed record WeeklyDeduction(string ClaimReference, long AccountId, string DecisionReference, string Rate, Money Amount, IReadOnlyList<ExplanationStep> Explanation);

/// <summary>
/// The week's deductions from ongoing Housing Benefit (HB Regs 2006 reg 102): for each claim, no more than the maximum weekly
/// amount (the fraud rate if any debt it recovers arose from fraud, else the standard rate) plus the council's top-up (up to half
/// the claimant's disregard, reg 102(3)), and never more than the benefit paid that week; shared among the claim's debts oldest
/// decision first, each up to what it owes.
/// </summary>
public static class WeeklyDeductions
{
    public static IReadOnlyList<WeeklyDeduction> For(LiveClaim claim, HbDeductionRate rates)
    {
        var fraud = claim.Debts.Any(d => d.Cause == OverpaymentCause.Fraud);
        var maximum = fraud ? rates.Fraud : rates.Standard;
        var cap = Money.Min(maximum + claim.TopUp, claim.WeeklyAward);
        var steps = new List<ExplanationStep>
        {
            new(fraud ? "Maximum weekly deduction at the fraud rate (5 times 5% of the 25+ personal allowance)" : "Maximum weekly deduction at the standard rate (3 times 5% of the 25+ personal allowance)",
                maximum, $"HB Regs 2006 (SI 2006/213) reg 102(2); {rates.Source}"),
        };
        if (claim.TopUp.IsPositive)
        {
            steps.Add(new("Plus the top-up from the claimant's earnings or income disregard (no more than half of it)", claim.TopUp, "HB Regs 2006 reg 102(3)"));
        }

        if (cap < maximum + claim.TopUp)
        {
            steps.Add(new("No more than the Housing Benefit paid this week", claim.WeeklyAward, "HB Regs 2006 reg 102"));
        }

        var left = cap;
        var result = new List<WeeklyDeduction>();
        foreach (var debt in claim.Debts.Where(d => d.Balance.IsPositive).OrderBy(d => d.DecidedOn).ThenBy(d => d.AccountId))
        {
            var take = Money.Min(left, debt.Balance);
            if (!take.IsPositive)
            {
                break;
            }

            left -= take;
            result.Add(new WeeklyDeduction(claim.ClaimReference, debt.AccountId, debt.DecisionReference, fraud ? "fraud" : "standard", take,
                [.. steps, new ExplanationStep($"Taken for decision {debt.DecisionReference} (owes {debt.Balance.ToPlainString()}; oldest decision first)", take, "HB Regs 2006 reg 102")]));
        }

        return result;
    }
}
