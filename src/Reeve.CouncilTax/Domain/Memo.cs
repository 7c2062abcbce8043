using System.Collections.Concurrent;

namespace Reeve.CouncilTax.Domain;

/// <summary>
/// Answers to pure questions, kept while they keep being asked. Most of a council's dwellings are billed for a
/// whole year on one of a few dozen combinations of band, charging area and household, so annual billing asks
/// the same questions over and over; the answers are immutable records and safe to share. Bounded: when full it
/// starts again, so a run over unusual data never grows it without limit.
/// </summary>
internal sealed class Memo<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _answers = new();

    public TValue Get(TKey key, Func<TKey, TValue> work)
    {
        if (_answers.TryGetValue(key, out var known))
        {
            return known;
        }

        if (_answers.Count >= capacity)
        {
            _answers.Clear();
        }

        return _answers.GetOrAdd(key, work);
    }
}
