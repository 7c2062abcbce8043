using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>Balances are always worked out from the entries; nothing stores one as the truth.</summary>
public static class Balances
{
    public static Money Of(IEnumerable<PostedEntry> entries) => Money.Sum(entries.Select(e => e.EffectOnAccount));

    public static IReadOnlyDictionary<FinancialYear, Money> ByYear(IEnumerable<PostedEntry> entries) =>
        entries.GroupBy(e => e.Year)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => Money.Sum(g.Select(e => e.EffectOnAccount)));

    /// <summary>The ledger as an officer reads it: oldest first, each line with the balance after it.</summary>
    public static IReadOnlyList<(PostedEntry Entry, Money RunningBalance)> WithRunningBalance(IEnumerable<PostedEntry> entries)
    {
        var running = Money.Zero;
        var lines = new List<(PostedEntry, Money)>();
        foreach (var e in entries.OrderBy(e => e.EffectiveDate).ThenBy(e => e.EntryId))
        {
            running += e.EffectOnAccount;
            lines.Add((e, running));
        }

        return lines;
    }

    /// <summary>Each book's debits less credits. Every entry debits one book and credits another, so the books always sum to zero.</summary>
    public static IReadOnlyDictionary<Book, Money> TrialBalance(IEnumerable<PostedEntry> entries)
    {
        var totals = Enum.GetValues<Book>().ToDictionary(b => b, _ => Money.Zero);
        foreach (var e in entries)
        {
            totals[e.Debit] += e.Amount;
            totals[e.Credit] -= e.Amount;
        }

        return totals;
    }
}
