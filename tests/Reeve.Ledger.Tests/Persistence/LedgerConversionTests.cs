using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class LedgerConversionOnSqlite() : LedgerConversionTests(new SqliteEngine());

public sealed class LedgerConversionOnPostgres() : LedgerConversionTests(new PostgresEngine());

/// <summary>Migration 0040 moves the wide ledger_entry rows into postings and narrow lines; every entry survives as it was.</summary>
public abstract class LedgerConversionTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    protected override bool StartMigrated => false;

    [Fact]
    public async Task Entries_posted_before_the_ledger_was_narrowed_read_back_unchanged_and_stay_idempotent()
    {
        var shipped = MigrationRunner.For(Engine.Provider);
        var before = shipped.TakeWhile(m => string.CompareOrdinal(m.Name, "0040") < 0).ToList();
        await MigrationRunner.MigrateAsync(Db, before);
        await Seed.CouncilAsync(Db, Council, "test", Now);
        var account = await Accounts.OpenAsync(Db, Council, Now);
        var at = Instant.FromUtc(2025, 5, 1, 12, 0);
        await using (var connection = await Db.OpenAsync())
        {
            const string insert =
                "insert into ledger_entry (council_id, entry_id, account_id, kind, debit_book, credit_book, amount_pence, financial_year, effective_date, " +
                "posted_at, posted_by, reason, source_rule, reverses_entry_id, idempotency_key) values " +
                "(@c, @id, @a, @kind, @debit, @credit, @pence, 2025, @day, @at, @by, @reason, 'LGFA 1992 s10', @reverses, @key)";
            var day = new LocalDate(2025, 4, 1);
            await connection.ExecuteAsync(insert, new { c = 1, id = 1L, a = account.AccountId, kind = "charge", debit = "debtors", credit = "income", pence = 120000L, day, at, by = "billing", reason = "Annual bill", reverses = (long?)null, key = "bill:1" });
            await connection.ExecuteAsync(insert, new { c = 1, id = 2L, a = account.AccountId, kind = "payment", debit = "cash", credit = "debtors", pence = 4500L, day, at, by = "cashier", reason = "Paid at the counter", reverses = (long?)null, key = (string?)null });
            await connection.ExecuteAsync(insert, new { c = 1, id = 3L, a = account.AccountId, kind = "reversal", debit = "debtors", credit = "cash", pence = 4500L, day, at, by = "cashier", reason = "Cheque bounced", reverses = (long?)2L, key = "reverse:2" });
            await connection.ExecuteAsync("insert into id_block (council_id, kind, next_id) values (1, 'ledger_entry', 4) on conflict (council_id, kind) do update set next_id = 4");
        }

        await MigrationRunner.MigrateAsync(Db);

        await using var read = await Db.OpenAsync();
        var entries = await ReadAccountLedger.EntriesAsync(read, Council, account.AccountId);
        entries.Select(e => (e.EntryId, e.Kind, e.Debit, e.Credit, e.Amount.Pence, e.PostedBy, e.Reason, e.ReversesEntryId, e.IdempotencyKey)).ShouldBe(
        [
            (1L, EntryKind.Charge, Book.Debtors, Book.Income, 120000L, "billing", "Annual bill", (long?)null, (string?)"bill:1"),
            (2L, EntryKind.Payment, Book.Cash, Book.Debtors, 4500L, "cashier", "Paid at the counter", null, null),
            (3L, EntryKind.Reversal, Book.Debtors, Book.Cash, 4500L, "cashier", "Cheque bounced", 2L, "reverse:2"),
        ]);
        entries.ShouldAllBe(e => e.PostedAt == at && e.SourceRule == "LGFA 1992 s10" && e.Year == new FinancialYear(2025));
        (await ReadBalance.BalanceAsync(read, Council, account.AccountId)).ShouldBe(Money.FromPence(120000));
        (await read.ExecuteScalarAsync<long>("select count(*) from ledger_posting")).ShouldBe(3);

        // Keys posted before the change still hold, and new postings take fresh ids after the moved ones.
        await using var tx = await read.BeginTransactionAsync();
        var again = await PostEntries.PostAsync(read, tx,
            [Entries.Charge(account, Money.FromPence(120000)) with { IdempotencyKey = "bill:1" }, Entries.Charge(account, Money.FromPence(50))], Now);
        await tx.CommitAsync();
        var result = again.ShouldBeOfType<Outcome<PostResult>.Done>().Value;
        result.AlreadyPosted.ShouldBe(1);
        // Id 4 was reserved for the retried line, which was not written.
        result.Posted.ShouldHaveSingleItem().EntryId.ShouldBe(5);
        (await read.ExecuteScalarAsync<long>("select max(posting_id) from ledger_posting")).ShouldBe(4);
    }
}
