using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>
/// New instalments after a bill changes. Instalments that fell due before the revised notice's first possible
/// due date stand as they were; what is left of the revised amount is spread over the rest of the year by the
/// statutory scheme for a notice issued on the revision date (CTAE Regs 1992 Sch 1 Part I para 6; the count and
/// rounding of para 2). If the instalments already due exceed the revised amount, nothing more falls due and the
/// difference is a credit on the account. A standing request for 12 instalments (reg 21(1A)) applies to the
/// revised notice too.
/// </summary>
public static class Reprofile
{
    public static IReadOnlyList<Instalment> After(
        IReadOnlyList<Instalment> previous, Money revisedTotal, LocalDate revisedOn, FinancialYear year, int dayOfMonth, int? requested = null)
    {
        var cutOff = revisedOn.PlusDays(Instalments.DaysFromIssueToFirstInstalment);
        var kept = previous.Where(i => i.Due < cutOff).ToList();
        var keptTotal = Money.Sum(kept.Select(i => i.Amount));
        if (keptTotal >= revisedTotal)
        {
            // Trim the kept instalments back so that they never ask for more than the revised bill.
            var trimmed = new List<Instalment>();
            var left = revisedTotal;
            foreach (var i in kept)
            {
                var amount = Money.Min(i.Amount, left);
                if (amount.IsPositive)
                {
                    trimmed.Add(i with { Amount = amount });
                }

                left -= amount;
            }

            return trimmed;
        }

        var rest = Instalments.Plan(InstalmentRegime.CouncilTax, revisedTotal - keptTotal, revisedOn, year, requested, dayOfMonth).Instalments;
        return [.. kept, .. rest];
    }
}
