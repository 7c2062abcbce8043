using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class LedgerGuaranteesOnSqlite() : LedgerGuaranteesTests(new SqliteEngine());

public sealed class LedgerGuaranteesOnPostgres() : LedgerGuaranteesTests(new PostgresEngine());

/// <summary>
/// The guarantees the narrow ledger keeps (decision 0045): entries name a posting that says who, when, why and which
/// rule; accounts are checked for the whole batch; a batch key makes a whole batch idempotent; nothing posted changes.
/// </summary>
public abstract class LedgerGuaranteesTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private static readonly CouncilId OtherCouncil = new(2);

    [Theory]
    [InlineData(3)]
    [InlineData(PostEntries.BulkThreshold + 20)]
    public async Task An_entry_for_an_account_that_does_not_exist_refuses_the_whole_batch_and_writes_nothing(int count)
    {
        // Every entry belongs to an existing account of its council: one unknown account and the batch posts nothing.
        var account = await OpenAccountAsync();
        var batch = Enumerable.Range(0, count).Select(_ => Entries.Charge(account, Money.FromPence(100))).ToArray();
        batch[^2] = batch[^2] with { AccountId = account.AccountId + 1000 };

        var outcome = await PostAsync(batch);

        var invalid = outcome.ShouldBeOfType<Outcome<PostResult>.Invalid>();
        invalid.Field.ShouldBe($"entries[{count - 2}].accountId");
        invalid.Message.ShouldContain($"account {account.AccountId + 1000} is not an account of council 1");
        (await CountEntriesAsync()).ShouldBe(0);
        (await CountAsync("ledger_posting")).ShouldBe(0);
    }

    [Fact]
    public async Task A_run_over_a_dense_range_of_accounts_is_refused_for_the_one_account_missing_from_it()
    {
        // A billing run's accounts fill their id range and are checked with one scan of it: a gap is still found.
        var accounts = new List<Account>();
        for (var i = 0; i < PostEntries.DenseCheckFrom + 2; i++)
        {
            accounts.Add(await OpenAccountAsync());
        }

        var batch = accounts.Select(a => Entries.Charge(a, Money.FromPence(100))).ToArray();
        var gap = accounts[^1].AccountId + 1;
        batch[5] = batch[5] with { AccountId = gap };
        batch[6] = batch[6] with { AccountId = accounts[^1].AccountId + 2 };

        var outcome = await PostAsync(batch);

        outcome.ShouldBeOfType<Outcome<PostResult>.Invalid>().Field.ShouldBe("entries[5].accountId");
        (await CountEntriesAsync()).ShouldBe(0);
        Posted(await PostAsync([.. batch.Where(e => e.AccountId < gap)])).Posted.Count.ShouldBe(accounts.Count - 2);
    }

    [Fact]
    public async Task An_entry_for_an_account_of_another_council_is_refused_and_the_batch_writes_nothing()
    {
        // Ids are per council, so the other council's account is one whose id this council has not given out.
        var mine = await OpenAccountAsync();
        await Seed.CouncilAsync(Db, OtherCouncil, "other", Now);
        Account theirs;
        do
        {
            theirs = await Accounts.OpenAsync(Db, OtherCouncil, Now);
        }
        while (theirs.AccountId <= mine.AccountId);

        var outcome = await PostAsync(
            Entries.Charge(mine, Money.FromPence(100)),
            Entries.Charge(mine, Money.FromPence(200)) with { AccountId = theirs.AccountId });

        outcome.ShouldBeOfType<Outcome<PostResult>.Invalid>().Field.ShouldBe("entries[1].accountId");
        (await CountEntriesAsync()).ShouldBe(0);
        (await BalanceAsync(mine)).ShouldBe(Money.Zero);
        // The same entry in its own council posts.
        Posted(await PostAsync(Entries.Charge(theirs, Money.FromPence(200)))).Posted.Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_database_refuses_to_delete_or_renumber_an_account()
    {
        // The batch check relies on it: an account that existed when the batch was checked exists when it commits.
        var account = await OpenAccountAsync();
        await using var connection = await Db.OpenAsync();

        var delete = await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync("delete from account"));
        var renumber = await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync("update account set account_id = account_id + 100"));

        delete.Message.ShouldContain("accounts are never deleted or renumbered");
        renumber.Message.ShouldContain("accounts are never deleted or renumbered");
        (await connection.ExecuteScalarAsync<long>("select account_id from account")).ShouldBe(account.AccountId);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(PostEntries.BulkThreshold + 50)]
    public async Task A_batch_posted_twice_under_its_batch_key_posts_once(int count)
    {
        // A resumed run resubmits its batch under the key it made before the first try: nothing posts twice.
        var account = await OpenAccountAsync();
        var batch = Enumerable.Range(0, count).Select(_ => Entries.Charge(account, Money.FromPence(100))).ToArray();

        var first = Posted(await PostBatchAsync("run-7:chunk-1", batch));
        var retry = Posted(await PostBatchAsync("run-7:chunk-1", batch));
        var other = Posted(await PostBatchAsync("run-7:chunk-2", batch[..1]));

        first.Posted.Count.ShouldBe(count);
        retry.Posted.ShouldBeEmpty();
        retry.AlreadyPosted.ShouldBe(count);
        other.Posted.Count.ShouldBe(1);
        (await CountEntriesAsync()).ShouldBe(count + 1);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(100 * (count + 1)));
    }

    [Fact]
    public async Task A_retry_whose_entries_were_all_posted_before_leaves_no_posting_behind()
    {
        // A posting says who, when and why for its entries; one with no entries would be a record of nothing.
        var account = await OpenAccountAsync();
        var lines = Enumerable.Range(1, PostEntries.BulkThreshold + 5)
            .Select(i => Entries.Payment(account, Money.FromPence(10)) with { IdempotencyKey = $"payment:file-2:{i}", Reason = $"Line {i % 3}" })
            .ToArray();
        Posted(await PostAsync(lines));
        var postings = await CountAsync("ledger_posting");

        var retry = Posted(await PostAsync(lines));
        var partly = Posted(await PostAsync([.. lines[..2], Entries.Payment(account, Money.FromPence(5)) with { IdempotencyKey = "payment:file-2:new", Reason = "Line 9" }]));

        postings.ShouldBe(3);
        retry.AlreadyPosted.ShouldBe(lines.Length);
        partly.Posted.ShouldHaveSingleItem().Reason.ShouldBe("Line 9");
        (await CountAsync("ledger_posting")).ShouldBe(4, "only the new line's posting was added");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>(
            "select count(*) from ledger_posting p where not exists (select 1 from ledger_line l where l.council_id = p.council_id and l.posting_id = p.posting_id)"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_batch_key_does_not_excuse_an_entry_key_posted_before()
    {
        // The entry's own key still holds inside a keyed batch: a payment line posted alone is not posted again.
        var account = await OpenAccountAsync();
        var line = Entries.Payment(account, Money.FromPence(700)) with { IdempotencyKey = "payment:file-1:3" };
        Posted(await PostAsync(line));

        var result = Posted(await PostBatchAsync("file-1", [line, Entries.Charge(account, Money.FromPence(1000))]));

        result.Posted.ShouldHaveSingleItem().Kind.ShouldBe(EntryKind.Charge);
        result.AlreadyPosted.ShouldBe(1);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(300));
    }

    [Fact]
    public async Task Who_when_why_and_which_rule_read_back_for_every_entry_of_a_batch_with_several_reasons()
    {
        // Written once per posting, they are still every entry's own: each entry reads back exactly as it was posted.
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync();
        Clock.SetTo(Instant.FromUtc(2025, 6, 2, 10, 15, 30));
        var batch = new[]
        {
            Entries.Charge(second, Money.FromPence(1000)) with { PostedBy = "billing", Reason = "Annual bill", SourceRule = "LGFA 1992 s10" },
            Entries.Of(EntryKind.Costs, first, Money.FromPence(7000)) with { PostedBy = "recovery", Reason = "Summons costs", SourceRule = "CTAE Regs 1992 reg 34(5)" },
            Entries.Charge(first, Money.FromPence(2000)) with { PostedBy = "billing", Reason = "Annual bill", SourceRule = "LGFA 1992 s10" },
        };

        var posted = Posted(await PostAsync(batch)).Posted;
        var read = (await EntriesAsync(first)).Concat(await EntriesAsync(second)).ToList();

        posted.Select(e => (e.AccountId, e.Kind, e.Amount)).ShouldBe(batch.Select(e => (e.AccountId, e.Kind, e.Amount)));
        read.OrderBy(e => e.EntryId).ShouldBe(posted.OrderBy(e => e.EntryId));
        read.ShouldAllBe(e => e.PostedAt == Instant.FromUtc(2025, 6, 2, 10, 15, 30));
        read.Single(e => e.Kind == EntryKind.Costs).ShouldSatisfyAllConditions(
            e => e.PostedBy.ShouldBe("recovery"), e => e.Reason.ShouldBe("Summons costs"), e => e.SourceRule.ShouldBe("CTAE Regs 1992 reg 34(5)"));
        read.Where(e => e.Kind == EntryKind.Charge).ShouldAllBe(e => e.PostedBy == "billing" && e.Reason == "Annual bill" && e.SourceRule == "LGFA 1992 s10");
        (await CountAsync("ledger_posting")).ShouldBe(2, "the two charges share one posting");
    }

    [Fact]
    public async Task Every_posting_balances_book_by_book()
    {
        // Double entry per batch: within each posting, each book's debits less its credits, over all books, is zero.
        var account = await OpenAccountAsync();
        Posted(await PostAsync(
            Entries.Charge(account, Money.FromPence(150000)),
            Entries.Payment(account, Money.FromPence(20000)),
            Entries.Of(EntryKind.WriteOff, account, Money.FromPence(333)) with { Reason = "Written off" }));

        var books = await ReadAsync(c => c.QueryAsync<(long Posting, long Book, long Net)>(
            "select posting_id, book, sum(net) from (" +
            "select posting_id, debit_book as book, amount_pence as net from ledger_line " +
            "union all select posting_id, credit_book, -amount_pence from ledger_line) m group by posting_id, book"));

        books.Select(b => b.Posting).Distinct().Count().ShouldBe(2);
        books.GroupBy(b => b.Posting).ShouldAllBe(p => p.Sum(b => b.Net) == 0);
        books.ShouldContain(b => b.Book == (long)Book.Debtors && b.Net == 150000 - 20000);
    }

    [Theory]
    [InlineData(1, 1, 500)]
    [InlineData(1, 2, 0)]
    [InlineData(1, 2, -500)]
    public async Task The_database_refuses_a_line_that_does_not_move_money_between_two_books(int debit, int credit, long pence)
    {
        // Whatever writes to the table: an entry moves a positive amount from one book to another.
        var account = await OpenAccountAsync();
        Posted(await PostAsync(Entries.Charge(account, Money.FromPence(5000))));
        await using var connection = await Db.OpenAsync();

        await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync(
            "insert into ledger_line (council_id, effective_date, entry_id, account_id, posting_id, amount_pence, financial_year, kind, debit_book, credit_book) " +
            "select council_id, effective_date, entry_id + 1, account_id, posting_id, @pence, financial_year, kind, @debit, @credit from ledger_line",
            new { pence, debit, credit }));

        (await CountEntriesAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_a_line_or_a_posting()
    {
        // Postings are immutable even to someone with SQL access, whichever table they reach for.
        var account = await OpenAccountAsync();
        Posted(await PostAsync(Entries.Charge(account, Money.FromPence(5000))));
        await using var connection = await Db.OpenAsync();

        foreach (var sql in new[]
                 {
                     "update ledger_line set amount_pence = 1", "delete from ledger_line",
                     "update ledger_posting set reason = 'edited'", "delete from ledger_posting",
                 })
        {
            var refused = await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync(sql));
            refused.Message.ShouldContain("ledger entries are never changed or deleted");
        }

        var entry = (await EntriesAsync(account)).ShouldHaveSingleItem();
        entry.Amount.ShouldBe(Money.FromPence(5000));
        entry.Reason.ShouldBe("Entry made by a test");
    }

    private Task<Outcome<PostResult>> PostBatchAsync(string key, params NewEntry[] entries) =>
        InTransactionAsync((connection, tx) => PostEntries.PostBatchAsync(connection, tx, key, entries, Now));

    private Task<long> CountAsync(string table) =>
        ReadAsync(connection => connection.ExecuteScalarAsync<long>($"select count(*) from {table}"));
}
