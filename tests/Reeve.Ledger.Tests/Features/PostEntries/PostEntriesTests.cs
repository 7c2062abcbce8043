using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class PostEntriesOnSqlite() : PostEntriesTests(new SqliteEngine());

public sealed class PostEntriesOnPostgres() : PostEntriesTests(new PostgresEngine());

public abstract class PostEntriesTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task Posting_a_charge_and_a_payment_leaves_the_difference_owed()
    {
        // A balance is always derived from the entries: charges debit the debtors book, payments credit it.
        var account = await OpenAccountAsync();

        Posted(await PostAsync(
            Entries.Charge(account, Money.FromPence(120000)),
            Entries.Payment(account, Money.FromPence(45050))));

        (await BalanceAsync(account)).ShouldBe(Money.FromPence(74950));
    }

    [Fact]
    public async Task An_entry_reads_back_exactly_as_it_was_posted()
    {
        var account = await OpenAccountAsync();
        var entry = Entries.Charge(account, Money.FromPence(98765)) with
        {
            Year = new FinancialYear(2027),
            EffectiveDate = new LocalDate(2028, 2, 29),
            PostedBy = "jsmith",
            Reason = "Annual bill 2027/28",
            SourceRule = "LGFA 1992 s10",
            IdempotencyKey = "annual-bill:2027:1",
        };
        Clock.SetTo(Instant.FromUtc(2027, 3, 10, 14, 30, 15));

        var posted = Posted(await PostAsync(entry)).Posted.ShouldHaveSingleItem();
        var read = (await EntriesAsync(account)).ShouldHaveSingleItem();

        read.ShouldBe(posted);
        read.Debit.ShouldBe(Book.Debtors);
        read.Credit.ShouldBe(Book.Income);
        read.PostedAt.ShouldBe(Instant.FromUtc(2027, 3, 10, 14, 30, 15));
        read.EffectiveDate.ShouldBe(new LocalDate(2028, 2, 29));
    }

    [Fact]
    public async Task An_idempotency_key_posted_twice_posts_once()
    {
        // A retried file line or a resumed run reuses its key, and must not charge the account twice.
        var account = await OpenAccountAsync();
        var charge = Entries.Charge(account, Money.FromPence(5000)) with { IdempotencyKey = "bill-1" };

        var first = Posted(await PostAsync(charge));
        var retry = Posted(await PostAsync(charge));

        first.Posted.Count.ShouldBe(1);
        retry.Posted.ShouldBeEmpty();
        retry.AlreadyPosted.ShouldBe(1);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(5000));
    }

    [Fact]
    public async Task The_same_key_twice_in_one_batch_posts_once()
    {
        var account = await OpenAccountAsync();
        var charge = Entries.Charge(account, Money.FromPence(5000)) with { IdempotencyKey = "bill-1" };

        var result = Posted(await PostAsync(charge, charge));

        result.Posted.Count.ShouldBe(1);
        result.AlreadyPosted.ShouldBe(1);
        (await CountEntriesAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_bulk_batch_posted_twice_posts_once()
    {
        // Above the threshold PostgreSQL takes the binary COPY path; the keys must hold there too.
        var account = await OpenAccountAsync();
        var batch = KeyedCharges(account, count: PostEntries.BulkThreshold + 50, pence: 100);

        var first = Posted(await PostAsync(batch));
        var retry = Posted(await PostAsync(batch));

        first.Posted.Count.ShouldBe(250);
        retry.Posted.ShouldBeEmpty();
        retry.AlreadyPosted.ShouldBe(250);
        (await CountEntriesAsync()).ShouldBe(250);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(25000));
    }

    [Fact]
    public async Task A_bulk_batch_that_repeats_some_keys_posts_only_the_new_ones()
    {
        // On PostgreSQL the COPY fails on the repeated keys and the batch falls back to row by row in the same transaction.
        var account = await OpenAccountAsync();
        var batch = KeyedCharges(account, count: PostEntries.BulkThreshold + 50, pence: 100);
        Posted(await PostAsync(batch[..10]));

        var result = Posted(await PostAsync(batch));

        result.Posted.Count.ShouldBe(240);
        result.AlreadyPosted.ShouldBe(10);
        (await CountEntriesAsync()).ShouldBe(250);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(25000));
    }

    [Fact]
    public async Task A_batch_with_one_invalid_entry_is_refused_whole_naming_the_field()
    {
        // A batch posts all or nothing; the officer or file report is told which entry and which field.
        var account = await OpenAccountAsync();

        var outcome = await PostAsync(
            Entries.Charge(account, Money.FromPence(1000)),
            Entries.Charge(account, Money.Zero),
            Entries.Charge(account, Money.FromPence(2000)));

        var invalid = outcome.ShouldBeOfType<Outcome<PostResult>.Invalid>();
        invalid.Field.ShouldBe("entries[1].amount");
        invalid.Message.ShouldContain("more than zero");
        (await CountEntriesAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_bulk_batch_with_one_invalid_entry_writes_nothing()
    {
        var account = await OpenAccountAsync();
        var batch = KeyedCharges(account, count: PostEntries.BulkThreshold + 1, pence: 100);
        batch[^1] = batch[^1] with { Reason = " " };

        var outcome = await PostAsync(batch);

        outcome.ShouldBeOfType<Outcome<PostResult>.Invalid>().Field.ShouldBe($"entries[{PostEntries.BulkThreshold}].reason");
        (await CountEntriesAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_empty_batch_posts_nothing()
    {
        var result = Posted(await PostAsync());

        result.Posted.ShouldBeEmpty();
        result.AlreadyPosted.ShouldBe(0);
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_a_ledger_entry()
    {
        // Postings are immutable even to someone with SQL access: a correction is a reversal.
        var account = await OpenAccountAsync();
        Posted(await PostAsync(Entries.Charge(account, Money.FromPence(5000))));
        await using var connection = await Db.OpenAsync();

        var update = await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync("update ledger_entry set amount_pence = 1"));
        var delete = await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync("delete from ledger_entry"));

        update.Message.ShouldContain("ledger entries are never changed or deleted");
        delete.Message.ShouldContain("ledger entries are never changed or deleted");
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(5000));
        (await CountEntriesAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_trial_balance_of_every_entry_in_the_ledger_sums_to_zero()
    {
        // Every entry debits one book and credits another by the same amount, so the books always balance.
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync(AccountKind.BusinessRates);
        Posted(await PostAsync(
            Entries.Charge(first, Money.FromPence(150000)),
            Entries.Of(EntryKind.Costs, first, Money.FromPence(8000)),
            Entries.Payment(first, Money.FromPence(20000)),
            Entries.Of(EntryKind.WriteOff, first, Money.FromPence(333)),
            Entries.Charge(second, Money.FromPence(990000)),
            Entries.Of(EntryKind.AdjustmentDecrease, second, Money.FromPence(12345)),
            Entries.Payment(second, Money.FromPence(1000000)),
            Entries.Of(EntryKind.Refund, second, Money.FromPence(22345)),
            Entries.Of(EntryKind.TransferOut, second, Money.FromPence(100)),
            Entries.Of(EntryKind.TransferIn, first, Money.FromPence(100))));
        var payment = (await EntriesAsync(first)).Single(e => e.Kind == EntryKind.Payment);
        await InTransactionAsync((connection, tx) =>
            ReverseEntry.ReverseAsync(connection, tx, Council, payment.EntryId, new LocalDate(2025, 5, 1), "jsmith", "Cheque bounced", Now));

        var everything = (await EntriesAsync(first)).Concat(await EntriesAsync(second)).ToList();

        everything.Count.ShouldBe(11);
        Money.Sum(Balances.TrialBalance(everything).Values).ShouldBe(Money.Zero);
        var debitsLessCredits = await ReadAsync(connection => connection.ExecuteScalarAsync<long>(
            "select (select coalesce(sum(amount_pence), 0) from ledger_entry where debit_book = 'debtors') - " +
            "(select coalesce(sum(amount_pence), 0) from ledger_entry where credit_book = 'debtors')"));
        Money.FromPence(debitsLessCredits).ShouldBe(await BalanceAsync(first) + await BalanceAsync(second));
    }

    private static NewEntry[] KeyedCharges(Account account, int count, long pence) =>
        Enumerable.Range(1, count)
            .Select(i => Entries.Charge(account, Money.FromPence(pence)) with { IdempotencyKey = $"bulk-line-{i}" })
            .ToArray();
}
