using NodaTime;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>
/// An entry to be posted: who asked, why, under which rule, and a key that makes a retry harmless.
/// </summary>
public sealed record NewEntry(
    CouncilId Council,
    long AccountId,
    EntryKind Kind,
    Money Amount,
    FinancialYear Year,
    LocalDate EffectiveDate,
    string PostedBy,
    string Reason,
    string SourceRule,
    string? IdempotencyKey);

/// <summary>An entry as the ledger holds it. Never changed once posted.</summary>
public sealed record PostedEntry(
    CouncilId Council,
    long EntryId,
    long AccountId,
    EntryKind Kind,
    Book Debit,
    Book Credit,
    Money Amount,
    FinancialYear Year,
    LocalDate EffectiveDate,
    Instant PostedAt,
    string PostedBy,
    string Reason,
    string SourceRule,
    long? ReversesEntryId,
    string? IdempotencyKey)
{
    /// <summary>+ raises the account's balance (a debt), − lowers it (a payment or credit).</summary>
    public Money EffectOnAccount => Money.FromPence(EntryRules.EffectOnAccountPence(Debit, Credit, Amount.Pence));
}
