using Reeve.Kernel;

namespace Reeve.Overpayments.Domain;

/// <summary>What the employer takes from one pay for a DEA: the deduction, the administration charge, and the working.</summary>
public sealed record DeaPayTaken(Money Deduction, Money EmployerCharge, Money ProtectedEarnings, Money Shortfall, IReadOnlyList<ExplanationStep> Explanation);

/// <summary>
/// The rules around the reg 20 table that the <c>direct-earnings-attachment</c> calculator leaves out (shared/contracts.md "Not
/// modelled"): the deductions from one pay must leave the liable person 60% of their net earnings (the protected earnings
/// proportion), and the employer may add 1 pound for administration each time it makes a deduction. Deductions for orders with
/// priority (reg 29) are taken first. The charge is kept inside the protected limit with the deduction, and only when a
/// deduction is made; how DWP's employer guidance orders the two is UNCONFIRMED (docs/domain/hb-overpayments.md).
/// </summary>
public static class DeaPay
{
    public static readonly Money EmployerCharge = Money.FromPounds(1);

    private const string Source = "SI 2013/384 Part 6 (protected earnings proportion of 60% and the employer's 1 pound charge; shared/rulebook.md 3.2)";

    public static DeaPayTaken Take(Money net, Money tableDeduction, Money priorDeductions, bool employerCharges)
    {
        if (net.IsNegative || tableDeduction.IsNegative || priorDeductions.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(net), "Earnings and deductions cannot be negative");
        }

        var kept = Rounding.RoundHalfUpToPence(net, 60, 100);
        var room = Money.Max(Money.Zero, net - kept - priorDeductions);
        var deduction = Money.Min(tableDeduction, room);
        var charge = employerCharges && deduction.IsPositive ? Money.Min(EmployerCharge, room - deduction) : Money.Zero;
        var steps = new List<ExplanationStep>
        {
            new("Deduction by the table", tableDeduction, "SI 2013/384 reg 20"),
            new("Protected earnings: 60% of the net earnings stays with the liable person", kept, Source),
        };
        if (priorDeductions.IsPositive)
        {
            steps.Add(new("Taken first from this pay for orders with priority", priorDeductions, "SI 2013/384 reg 29"));
        }

        steps.Add(new("Room left for the DEA in this pay", room, Source));
        steps.Add(new(deduction < tableDeduction ? "Deduction, cut to the room left" : "Deduction", deduction, Source));
        if (employerCharges)
        {
            steps.Add(new(deduction.IsPositive ? "Employer's administration charge" : "No administration charge: no deduction was made", charge, Source));
        }

        return new DeaPayTaken(deduction, charge, kept, tableDeduction - deduction, steps);
    }
}
