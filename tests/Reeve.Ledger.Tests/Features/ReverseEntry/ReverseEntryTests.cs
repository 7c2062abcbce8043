using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class ReverseEntryOnSqlite() : ReverseEntryTests(new SqliteEngine());

public sealed class ReverseEntryOnPostgres() : ReverseEntryTests(new PostgresEngine());

public abstract class ReverseEntryTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task Reversal_posts_the_mirror_entry_and_restores_the_balance()
    {
        // A correction never touches the original: it posts the same amount between the same books the other way.
        var account = await OpenAccountAsync();
        Posted(await PostAsync(Entries.Charge(account, Money.FromPence(10000))));
        var payment = Posted(await PostAsync(Entries.Payment(account, Money.FromPence(4000)))).Posted.Single();

        var reversal = (await ReverseAsync(payment.EntryId, "Cheque bounced"))
            .ShouldBeOfType<Outcome<PostedEntry>.Done>().Value;

        reversal.Kind.ShouldBe(EntryKind.Reversal);
        reversal.ReversesEntryId.ShouldBe(payment.EntryId);
        reversal.Debit.ShouldBe(payment.Credit);
        reversal.Credit.ShouldBe(payment.Debit);
        reversal.Amount.ShouldBe(Money.FromPence(4000));
        reversal.Year.ShouldBe(payment.Year);
        reversal.EffectiveDate.ShouldBe(new LocalDate(2025, 5, 1));
        reversal.Reason.ShouldBe("Cheque bounced");
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(10000));
        var entries = await EntriesAsync(account);
        entries.Count.ShouldBe(3);
        entries.ShouldContain(payment);
        entries.ShouldContain(reversal);
    }

    [Fact]
    public async Task Reversing_an_entry_twice_is_a_conflict()
    {
        // An entry can be reversed once; a second reversal would undo the entry twice.
        var account = await OpenAccountAsync();
        var charge = Posted(await PostAsync(Entries.Charge(account, Money.FromPence(10000)))).Posted.Single();
        (await ReverseAsync(charge.EntryId, "Billed in error")).ShouldBeOfType<Outcome<PostedEntry>.Done>();

        var again = await ReverseAsync(charge.EntryId, "Billed in error");

        again.ShouldBeOfType<Outcome<PostedEntry>.Conflict>().Message.ShouldContain("already been reversed");
        (await BalanceAsync(account)).ShouldBe(Money.Zero);
        (await EntriesAsync(account)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Two_officers_reversing_the_same_entry_at_once_post_one_reversal()
    {
        // The second officer must be told of the conflict, not handed a reversal the database never wrote.
        var account = await OpenAccountAsync();
        var charge = Posted(await PostAsync(Entries.Charge(account, Money.FromPence(10000)))).Posted.Single();
        await using var first = await Db.OpenAsync();
        await using var firstTx = await first.BeginTransactionAsync();
        (await ReverseEntry.ReverseAsync(first, firstTx, Council, charge.EntryId, new LocalDate(2025, 5, 1), "jsmith", "Billed in error", Now))
            .ShouldBeOfType<Outcome<PostedEntry>.Done>();

        var second = Task.Run(() => ReverseAsync(charge.EntryId, "Billed in error"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await firstTx.CommitAsync();

        (await second).ShouldBeOfType<Outcome<PostedEntry>.Conflict>();
        (await EntriesAsync(account)).Count.ShouldBe(2);
        (await BalanceAsync(account)).ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task A_reversal_cannot_itself_be_reversed()
    {
        var account = await OpenAccountAsync();
        var charge = Posted(await PostAsync(Entries.Charge(account, Money.FromPence(10000)))).Posted.Single();
        var reversal = (await ReverseAsync(charge.EntryId, "Billed in error")).ShouldBeOfType<Outcome<PostedEntry>.Done>().Value;

        var outcome = await ReverseAsync(reversal.EntryId, "Changed my mind");

        outcome.ShouldBeOfType<Outcome<PostedEntry>.Conflict>();
        (await BalanceAsync(account)).ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task Reversing_an_entry_that_does_not_exist_is_not_found()
    {
        var outcome = await ReverseAsync(entryId: 424242, "Billed in error");

        outcome.ShouldBeOfType<Outcome<PostedEntry>.NotFound>().What.ShouldBe("ledger entry 424242");
    }

    [Fact]
    public async Task A_reversal_without_a_reason_is_refused()
    {
        var account = await OpenAccountAsync();
        var charge = Posted(await PostAsync(Entries.Charge(account, Money.FromPence(10000)))).Posted.Single();

        var outcome = await ReverseAsync(charge.EntryId, "  ");

        outcome.ShouldBeOfType<Outcome<PostedEntry>.Invalid>().Field.ShouldBe("reason");
        (await EntriesAsync(account)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_officer_reverses_a_line_of_the_account_they_are_on_and_the_timeline_says_why()
    {
        var account = await OpenAccountAsync();
        var payment = Posted(await PostAsync(Entries.Payment(account, Money.FromPence(4000)))).Posted.Single();

        var outcome = await InTransactionAsync((c, tx) =>
            ReverseEntry.ReverseOnAccountAsync(c, tx, Council, account.Reference, payment.EntryId, new LocalDate(2025, 5, 1), "jsmith", " Cheque bounced ", Now));

        outcome.ShouldBeOfType<Outcome<PostedEntry>.Done>().Value.Reason.ShouldBe("Cheque bounced");
        var timeline = await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, account.AccountId));
        var line = timeline.ShouldHaveSingleItem();
        line.Kind.ShouldBe("entry-reversed");
        line.Summary.ShouldBe("Payment of £40.00 on 1 April 2025 reversed: Cheque bounced");
    }

    [Fact]
    public async Task A_line_of_another_account_or_a_reason_too_long_is_refused_and_nothing_is_posted()
    {
        var account = await OpenAccountAsync();
        var other = await OpenAccountAsync();
        var charge = Posted(await PostAsync(Entries.Charge(account, Money.FromPence(10000)))).Posted.Single();

        (await InTransactionAsync((c, tx) =>
                ReverseEntry.ReverseOnAccountAsync(c, tx, Council, other.Reference, charge.EntryId, new LocalDate(2025, 5, 1), "jsmith", "Billed in error", Now)))
            .ShouldBeOfType<Outcome<PostedEntry>.NotFound>();
        (await InTransactionAsync((c, tx) =>
                ReverseEntry.ReverseOnAccountAsync(c, tx, Council, account.Reference, charge.EntryId, new LocalDate(2025, 5, 1), "jsmith", new string('x', 501), Now)))
            .ShouldBeOfType<Outcome<PostedEntry>.Invalid>().Field.ShouldBe("reason");
        (await EntriesAsync(account)).Count.ShouldBe(1);
    }

    private Task<Outcome<PostedEntry>> ReverseAsync(long entryId, string reason) =>
        InTransactionAsync((connection, tx) =>
            ReverseEntry.ReverseAsync(connection, tx, Council, entryId, new LocalDate(2025, 5, 1), "jsmith", reason, Now));
}
