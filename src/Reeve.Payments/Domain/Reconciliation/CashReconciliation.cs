using NodaTime;
using Reeve.Kernel;

namespace Reeve.Payments.Domain.Reconciliation;

/// <summary>
/// One imported file checked against itself: the credits the file held (its total, kept at import) against
/// what the ledger holds posted from it and what its suspense items hold (open or since allocated).
/// </summary>
public sealed record ImportCheck(long ImportId, string FileName, string Format, Money FileTotal, Money Posted, Money Suspended)
{
    public Money Difference => FileTotal - Posted - Suspended;

    public bool Agrees => Difference.IsZero;
}

/// <summary>
/// One channel's receipts for one day: what the bank statements say was paid in, against the cash book, which
/// is the ledger's payments for that day plus the credits still waiting in suspense.
/// </summary>
public sealed record ChannelDay(string Channel, Money Statement, Money Ledger, Money InSuspense, bool OnBankStatement)
{
    /// <summary>Bank less cash book; nil when they agree. A channel with no bank statement (card, Direct Debit) has nothing to agree with.</summary>
    public Money Difference => OnBankStatement ? Statement - Ledger - InSuspense : Money.Zero;
}

/// <summary>
/// A bank entry the ledger holds more of than the bank booked: the same credit posted twice (or posted by another
/// path against the same line of a file). <see cref="BankReference"/> is the bank's key for the entry.
/// </summary>
public sealed record EntryPostedTwice(long ImportId, string FileName, string Line, string BankReference, Money Booked, Money Posted)
{
    public Money Excess => Posted - Booked;
}

public sealed record DayReconciliation(LocalDate Day, IReadOnlyList<ChannelDay> Channels, IReadOnlyList<ImportCheck> Imports)
{
    /// <summary>The day's bank entries posted more than once (empty when none).</summary>
    public IReadOnlyList<EntryPostedTwice> PostedTwice { get; init; } = [];

    public Money TotalDifference => Money.Sum(Channels.Select(c => c.Difference)) + Money.Sum(Imports.Select(i => i.Difference));

    public bool Agrees => Channels.All(c => c.Difference.IsZero) && Imports.All(i => i.Agrees) && PostedTwice.Count == 0;
}
