using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.TestKit;

/// <summary>
/// Entries to post. The kind, account and amount are always given; the rest defaults to values no test relies
/// on, and a test that relies on one says so with <c>with { IdempotencyKey = "bill-1" }</c>.
/// </summary>
public static class Entries
{
    public static NewEntry Of(EntryKind kind, Account account, Money amount) => new(
        account.Council,
        account.AccountId,
        kind,
        amount,
        Year: new FinancialYear(2025),
        EffectiveDate: new LocalDate(2025, 4, 1),
        PostedBy: "test-officer",
        Reason: "Entry made by a test",
        SourceRule: "Test rule",
        IdempotencyKey: null);

    public static NewEntry Charge(Account account, Money amount) => Of(EntryKind.Charge, account, amount);

    public static NewEntry Payment(Account account, Money amount) => Of(EntryKind.Payment, account, amount);
}
