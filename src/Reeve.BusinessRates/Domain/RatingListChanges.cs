using NodaTime;

namespace Reeve.BusinessRates.Domain;

/// <summary>A rateable value in one list from a date (to a date, or open while it is the current value).</summary>
public sealed record RateableValuePeriod(int ListYear, LocalDate From, LocalDate? To, long RateableValuePounds);

/// <summary>A hereditament already on the council's list, with its rateable value history.</summary>
public sealed record ListedHereditament(long HereditamentId, string BaReference, IReadOnlyList<RateableValuePeriod> Values);

/// <summary>A new rateable value for a hereditament from a date; <paramref name="Previous"/> is the value it replaces in that list, if any.</summary>
public sealed record ValueChange(string BaReference, long? HereditamentId, int ListYear, LocalDate From, long? Previous, long RateableValuePounds, int Record);

public sealed record ListPlan(
    IReadOnlyList<ListEntry> NewHereditaments,
    IReadOnlyList<ValueChange> Changes,
    int Unchanged,
    IReadOnlyList<RecordProblem> Problems);

/// <summary>
/// What a list entries file changes on the council's list, worked out before anything is written. A BA reference
/// not on the list is a new hereditament. For one on the list, an entry with the value and date it already has (or
/// the same value from a later date) changes nothing, so a file read again changes nothing; a different value from a
/// later date ends the current value the day before and starts the new one. An entry dated on or before the current
/// value's date but different from it is an alteration back in time: that comes with a schedule of alterations,
/// which this import does not apply, so it is refused rather than guessed at.
/// </summary>
public static class RatingListChanges
{
    public static ListPlan Plan(IReadOnlyList<ListEntry> entries, IReadOnlyDictionary<string, ListedHereditament> listed)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(listed);
        var added = new List<ListEntry>();
        var changes = new List<ValueChange>();
        var problems = new List<RecordProblem>();
        var unchanged = 0;
        foreach (var entry in entries)
        {
            if (!listed.TryGetValue(entry.BaReference, out var hereditament))
            {
                added.Add(entry);
                changes.Add(new ValueChange(entry.BaReference, null, entry.ListYear, entry.EffectiveFrom, null, entry.RateableValuePounds, entry.Record));
                continue;
            }

            var current = hereditament.Values.Where(v => v.ListYear == entry.ListYear).MaxBy(v => v.From);
            if (current is null)
            {
                changes.Add(new ValueChange(entry.BaReference, hereditament.HereditamentId, entry.ListYear, entry.EffectiveFrom, null, entry.RateableValuePounds, entry.Record));
            }
            else if (current.RateableValuePounds == entry.RateableValuePounds && entry.EffectiveFrom >= current.From)
            {
                unchanged++;
            }
            else if (entry.EffectiveFrom > current.From)
            {
                changes.Add(new ValueChange(entry.BaReference, hereditament.HereditamentId, entry.ListYear, entry.EffectiveFrom, current.RateableValuePounds, entry.RateableValuePounds, entry.Record));
            }
            else
            {
                problems.Add(new RecordProblem(entry.Record, ListEntriesFile.EffectiveDate,
                    $"BA reference {entry.BaReference} has rateable value {current.RateableValuePounds:N0} from {current.From:yyyy-MM-dd} in the {entry.ListYear} list; " +
                    $"a value of {entry.RateableValuePounds:N0} from {entry.EffectiveFrom:yyyy-MM-dd} alters it back in time, which needs a schedule of alterations"));
            }
        }

        return new ListPlan(added, changes, unchanged, problems);
    }
}
