using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>
/// Checks a dwelling's facts before anything is billed from them: each problem names the record and field,
/// and the caller changes nothing while there is one.
/// </summary>
public static class FactProblems
{
    // Exempt Dwellings Order 1992 art 3: these classes are about who occupies the dwelling; the rest apply only when it is unoccupied.
    private const string OccupiedClasses = "MNOPSUVW";

    public sealed record Problem(string Field, string Message);

    public static IReadOnlyList<Problem> Find(DwellingFacts facts)
    {
        var problems = new List<Problem>();
        if (facts.Bands.Count == 0)
        {
            problems.Add(new("bands", "A dwelling needs a band"));
        }

        if (facts.Bands.GroupBy(b => b.EffectiveFrom).Any(g => g.Count() > 1))
        {
            problems.Add(new("bands", "Two band changes take effect on the same day"));
        }

        CheckPeriods(problems, "residents", facts.Residents.Select(r => (r.PartyId, r.From, r.To)).ToList(), "moves out before moving in", "lives there twice over the same days");
        CheckPeriods(problems, "owners", facts.Owners.Select(o => (o.PartyId, o.From, o.To)).ToList(), "stops owning it before starting", "owns it twice over the same days");
        for (var i = 0; i < facts.Disregards.Count; i++)
        {
            var d = facts.Disregards[i];
            if (d.To < d.From)
            {
                problems.Add(new($"disregards[{i}].to", "A disregard cannot end before it starts"));
            }

            if (!DisregardCategories.All.Contains(d.Category))
            {
                problems.Add(new($"disregards[{i}].category", $"'{d.Category}' is not a disregard category in LGFA 1992 Sch 1"));
            }
        }

        for (var i = 0; i < facts.Exemptions.Count; i++)
        {
            CheckExemption(problems, facts, i);
        }

        for (var i = 0; i < facts.LocalDiscountClasses.Count; i++)
        {
            var l = facts.LocalDiscountClasses[i];
            if (l.Class is not ("A" or "B" or "C" or "D"))
            {
                problems.Add(new($"localDiscounts[{i}].class", "The prescribed classes for local discounts are A, B, C and D (s11A)"));
            }
            else if (facts.Residents.Any(r => Periods.Overlap(r.From, r.To, l.From, l.To)))
            {
                problems.Add(new($"localDiscounts[{i}].class", $"Class {l.Class} is for a dwelling that is no one's sole or main residence, but someone lives there"));
            }
        }

        for (var i = 0; i < facts.Reductions.Count; i++)
        {
            if (facts.Reductions[i].Percent is < 0 or > 100)
            {
                problems.Add(new($"reductions[{i}].percent", "A reduction is between 0% and 100%"));
            }

            if (facts.Reductions[i].AnnualAmount is { IsPositive: false })
            {
                problems.Add(new($"reductions[{i}].amount", "A manual reduction is an annual amount above nil"));
            }
        }

        return problems;
    }

    private static void CheckPeriods(List<Problem> problems, string name, List<(long Party, LocalDate From, LocalDate? To)> periods, string backwards, string overlap)
    {
        for (var i = 0; i < periods.Count; i++)
        {
            var (party, from, to) = periods[i];
            if (to < from)
            {
                problems.Add(new($"{name}[{i}].to", $"Party {party} {backwards}"));
            }

            for (var j = 0; j < i; j++)
            {
                if (periods[j].Party == party && Periods.Overlap(periods[j].From, periods[j].To, from, to))
                {
                    problems.Add(new($"{name}[{i}].from", $"Party {party} {overlap}: this period overlaps {name}[{j}]"));
                }
            }
        }
    }

    private static void CheckExemption(List<Problem> problems, DwellingFacts facts, int i)
    {
        var e = facts.Exemptions[i];
        if (e.To < e.From)
        {
            problems.Add(new($"exemptions[{i}].to", "An exemption cannot end before it starts"));
            return;
        }

        if (!ExemptionClasses.IsEnglandClass(e.Class, FinancialYear.Containing(e.From)))
        {
            problems.Add(new($"exemptions[{i}].class", $"'{e.Class}' is not an England exemption class"));
            return;
        }

        var forOccupied = OccupiedClasses.Contains(e.Class[0], StringComparison.Ordinal);
        var checkDays = facts.Residents.SelectMany(r => new[] { r.From, r.To?.PlusDays(1) ?? r.From })
            .Append(e.From)
            .Where(d => Periods.Covers(e.From, e.To, d))
            .Distinct();
        foreach (var day in checkDays)
        {
            var occupied = facts.Residents.Any(r => Periods.Covers(r.From, r.To, day));
            if (occupied != forOccupied)
            {
                problems.Add(new($"exemptions[{i}].class", forOccupied
                    ? $"Class {e.Class} applies only to an occupied dwelling, but nobody lives there on {DateText.LongForm.Format(day)}"
                    : $"Class {e.Class} applies only to an unoccupied dwelling, but someone lives there on {DateText.LongForm.Format(day)}"));
                return;
            }
        }
    }
}
