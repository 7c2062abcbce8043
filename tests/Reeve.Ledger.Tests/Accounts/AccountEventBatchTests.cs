using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountEventBatchOnSqlite() : AccountEventBatchTests(new SqliteEngine());

public sealed class AccountEventBatchOnPostgres() : AccountEventBatchTests(new PostgresEngine());

public abstract class AccountEventBatchTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task A_batch_of_events_lands_on_each_accounts_timeline_with_its_own_id_after_a_single_event()
    {
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync();
        await InTransactionAsync(async (c, tx) =>
        {
            await AccountEvents.RecordAsync(c, tx, Council, first.AccountId, Now, new LocalDate(2025, 5, 1), "note", "Phoned", "jsmith", null);
            return 0;
        });

        await InTransactionAsync(async (c, tx) =>
        {
            await AccountEventBatch.WriteAsync(c, tx, Council,
            [
                new NewAccountEvent(first.AccountId, Now, new LocalDate(2025, 5, 8), "recovery-first-reminder", "First reminder for 2025/26", "recovery run", "reg 23(1)"),
                new NewAccountEvent(second.AccountId, Now, new LocalDate(2025, 5, 8), "recovery-first-reminder", "First reminder for 2025/26", "recovery run", null),
            ]);
            return 0;
        });

        var timeline = await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, first.AccountId));
        timeline.Select(e => (e.Kind, e.EffectiveDate, e.SourceRule)).ShouldBe(
            [("recovery-first-reminder", new LocalDate(2025, 5, 8), (string?)"reg 23(1)"), ("note", new LocalDate(2025, 5, 1), null)]);
        timeline.Select(e => e.EventId).Distinct().Count().ShouldBe(2);
        (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, second.AccountId))).ShouldHaveSingleItem().Officer.ShouldBe("recovery run");
    }
}
