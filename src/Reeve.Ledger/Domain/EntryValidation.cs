namespace Reeve.Ledger;

/// <summary>What every entry must have before it may be posted.</summary>
public static class EntryValidation
{
    public static string? Problem(NewEntry entry)
    {
        if (!entry.Amount.IsPositive)
        {
            return "amount: an entry's amount must be more than zero (the kind of entry gives its direction)";
        }

        if (entry.Kind == EntryKind.Reversal)
        {
            return "kind: reversals are posted by reversing an entry, not directly";
        }

        if (string.IsNullOrWhiteSpace(entry.PostedBy))
        {
            return "postedBy: every entry records who posted it";
        }

        if (string.IsNullOrWhiteSpace(entry.Reason))
        {
            return "reason: every entry records why it was posted";
        }

        if (string.IsNullOrWhiteSpace(entry.SourceRule))
        {
            return "sourceRule: every entry records the rule that made it due";
        }

        return null;
    }
}
