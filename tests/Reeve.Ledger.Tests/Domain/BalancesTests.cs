using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public class BalancesTests
{
    [Fact]
    public void The_running_balance_ends_at_the_account_balance()
    {
        PropertyCheck.Holds(Prop.ForAll(RandomEntries().ToArbitrary(), entries =>
        {
            var lines = Balances.WithRunningBalance(entries);
            var last = lines.Count == 0 ? Money.Zero : lines[^1].RunningBalance;
            return last == Balances.Of(entries);
        }));
    }

    [Fact]
    public void The_running_balance_lists_entries_by_effective_date_then_posting_order()
    {
        PropertyCheck.Holds(Prop.ForAll(RandomEntries().ToArbitrary(), entries =>
        {
            var order = Balances.WithRunningBalance(entries).Select(l => (l.Entry.EffectiveDate, l.Entry.EntryId)).ToList();
            return order.SequenceEqual(order.Order()) && order.Count == entries.Length;
        }));
    }

    [Fact]
    public void The_trial_balance_of_any_set_of_entries_sums_to_zero_over_the_books()
    {
        // Double entry: each entry debits one book and credits another by the same amount.
        PropertyCheck.Holds(Prop.ForAll(RandomEntries().ToArbitrary(), entries =>
            Money.Sum(Balances.TrialBalance(entries).Values) == Money.Zero));
    }

    [Fact]
    public void The_trial_balance_names_every_book_with_its_debits_less_credits()
    {
        var charge = Entry(1, EntryKind.Charge, Money.FromPence(10000), new LocalDate(2025, 4, 1));
        var payment = Entry(2, EntryKind.Payment, Money.FromPence(2500), new LocalDate(2025, 4, 20));

        var trial = Balances.TrialBalance([charge, payment]);

        trial.Keys.ShouldBe(Enum.GetValues<Book>(), ignoreOrder: true);
        trial[Book.Debtors].ShouldBe(Money.FromPence(7500));
        trial[Book.Income].ShouldBe(Money.FromPence(-10000));
        trial[Book.Cash].ShouldBe(Money.FromPence(2500));
        trial[Book.WriteOffs].ShouldBe(Money.Zero);
    }

    [Fact]
    public void The_balances_by_year_add_up_to_the_balance()
    {
        PropertyCheck.Holds(Prop.ForAll(RandomEntries().ToArbitrary(), entries =>
            Money.Sum(Balances.ByYear(entries).Values) == Balances.Of(entries)));
    }

    [Fact]
    public void The_debtors_book_in_the_trial_balance_is_the_balance_of_the_accounts_with_its_sign()
    {
        PropertyCheck.Holds(Prop.ForAll(RandomEntries().ToArbitrary(), entries =>
            Balances.TrialBalance(entries)[Book.Debtors] == Balances.Of(entries)));
    }

    [Fact]
    public void A_charge_raises_the_balance_and_a_payment_lowers_it()
    {
        var charge = Entry(1, EntryKind.Charge, Money.FromPence(10000), new LocalDate(2025, 4, 1));
        var payment = Entry(2, EntryKind.Payment, Money.FromPence(2500), new LocalDate(2025, 4, 20));

        charge.EffectOnAccount.ShouldBe(Money.FromPence(10000));
        payment.EffectOnAccount.ShouldBe(Money.FromPence(-2500));
        Balances.WithRunningBalance([payment, charge]).Select(l => l.RunningBalance)
            .ShouldBe([Money.FromPence(10000), Money.FromPence(7500)]);
    }

    [Fact]
    public void Every_kind_but_a_reversal_moves_money_between_two_different_books()
    {
        foreach (var kind in Enum.GetValues<EntryKind>().Where(k => k != EntryKind.Reversal))
        {
            var (debit, credit) = EntryRules.BooksFor(kind);
            debit.ShouldNotBe(credit);
            EntryKinds.FromCode(kind.Code()).ShouldBe(kind);
        }

        // A reversal takes its books from the entry it reverses.
        Should.Throw<ArgumentException>(() => EntryRules.BooksFor(EntryKind.Reversal));
    }

    private static PostedEntry Entry(long id, EntryKind kind, Money amount, LocalDate effective)
    {
        var (debit, credit) = EntryRules.BooksFor(kind);
        return Entry(id, debit, credit, amount, effective);
    }

    private static PostedEntry Entry(long id, Book debit, Book credit, Money amount, LocalDate effective) => new(
        new CouncilId(1), id, AccountId: 1, EntryKind.Charge, debit, credit, amount, FinancialYear.Containing(effective), effective,
        Instant.FromUtc(2025, 4, 1, 9, 0), "test-officer", "Entry made by a test", "Test rule", ReversesEntryId: null, IdempotencyKey: null);

    // Any pair of different books, so reversals and kinds not yet written are covered too.
    private static Gen<PostedEntry[]> RandomEntries()
    {
        var books = Enum.GetValues<Book>();
        var line =
            from debit in Gen.Elements(books)
            from credit in Gen.Elements(books).Where(c => c != debit)
            from pence in Gen.Choose(1, int.MaxValue)
            from day in Gen.Choose(0, 3 * 365)
            select (debit, credit, pence, day);
        return Gen.ListOf(line).Select(lines => lines
            .Select((l, i) => Entry(i + 1, l.debit, l.credit, Money.FromPence(l.pence), new LocalDate(2024, 4, 1).PlusDays(l.day)))
            .ToArray());
    }
}
