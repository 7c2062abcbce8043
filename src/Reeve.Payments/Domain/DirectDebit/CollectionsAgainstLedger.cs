using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Payments.Domain.DirectDebit;

/// <summary>
/// An account's Direct Debit collections set against its ledger, so the Direct Debit page cannot tell a different
/// story from the account: a collection the bank paid is a payment still standing in the ledger; one the bank
/// returned (ARUDD) is a payment reversed. Any other pairing is a disagreement an officer must look at.
/// </summary>
public static class CollectionsAgainstLedger
{
    /// <summary>Where the ledger has a collection's payment.</summary>
    public enum LedgerState
    {
        /// <summary>Posted and standing.</summary>
        Posted,

        /// <summary>Posted, then reversed.</summary>
        Reversed,

        /// <summary>Not on this account's ledger at all.</summary>
        Missing,
    }

    public sealed record Line(CollectionLine Collection, LedgerState State, LocalDate? PostedOn, LocalDate? ReversedOn, bool Agrees)
    {
        /// <summary>The collection's status as an officer says it.</summary>
        public string StatusTitle => Collection.Status switch
        {
            "collected" => "Collected",
            "represent-due" => "Returned unpaid; to be presented again",
            "represented" => "Returned unpaid; presented again",
            "unpaid" => "Returned unpaid; not presented again",
            _ => Collection.Status,
        };
    }

    /// <summary>The lines, and what they come to: asked of the bank, returned, and kept, against the ledger's own net.</summary>
    public sealed record Check(IReadOnlyList<Line> Lines, Money Collected, Money Returned, Money Kept, Money LedgerNet)
    {
        public bool Agrees => Lines.All(l => l.Agrees) && Kept == LedgerNet;
    }

    public static Check Compare(IReadOnlyList<CollectionLine> collections, IReadOnlyList<PostedEntry> ledger)
    {
        var byId = ledger.ToDictionary(e => e.EntryId);
        var reversals = ledger.Where(e => e.ReversesEntryId is not null).ToLookup(e => e.ReversesEntryId!.Value);
        var lines = collections.Select(c =>
        {
            if (!byId.TryGetValue(c.EntryId, out var entry) || entry.Kind != EntryKind.Payment || entry.Amount != c.Amount)
            {
                return new Line(c, LedgerState.Missing, null, null, false);
            }

            var reversal = reversals[c.EntryId].FirstOrDefault();
            var state = reversal is null ? LedgerState.Posted : LedgerState.Reversed;
            var agrees = c.Status == "collected" ? state == LedgerState.Posted : state == LedgerState.Reversed;
            return new Line(c, state, entry.EffectiveDate, reversal?.EffectiveDate, agrees);
        }).ToList();

        var collected = collections.Aggregate(Money.Zero, (sum, c) => sum + c.Amount);
        var returned = collections.Where(c => c.Status != "collected").Aggregate(Money.Zero, (sum, c) => sum + c.Amount);
        var ids = collections.Select(c => c.EntryId).ToHashSet();
        var ledgerNet = ledger.Where(e => ids.Contains(e.EntryId)).Aggregate(Money.Zero, (sum, e) => sum + e.Amount)
                        - ledger.Where(e => e.ReversesEntryId is { } r && ids.Contains(r)).Aggregate(Money.Zero, (sum, e) => sum + e.Amount);
        return new Check(lines, collected, returned, collected - returned, ledgerNet);
    }
}
