using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests.Features.ReadAccountLedger;

public sealed class EntriesForAccountsOnSqlite() : EntriesForAccountsTests(new SqliteEngine());

public sealed class EntriesForAccountsOnPostgres() : EntriesForAccountsTests(new PostgresEngine());

public abstract class EntriesForAccountsTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task Entries_of_many_accounts_come_back_by_account_then_date_and_no_other_account_s()
    {
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync();
        var other = await OpenAccountAsync();
        Posted(await PostAsync(
            Entries.Charge(first, Money.FromPence(1_000)) with { EffectiveDate = new LocalDate(2025, 6, 1) },
            Entries.Payment(first, Money.FromPence(300)) with { EffectiveDate = new LocalDate(2025, 5, 1) },
            Entries.Charge(second, Money.FromPence(2_000)),
            Entries.Charge(other, Money.FromPence(9_900))));

        var entries = await ReadAsync(c => Reeve.Ledger.ReadAccountLedger.EntriesForAccountsAsync(c, Council, [second.AccountId, first.AccountId]));

        entries.Select(e => (e.AccountId, e.Amount.Pence)).ShouldBe([(first.AccountId, 300L), (first.AccountId, 1_000L), (second.AccountId, 2_000L)]);
    }
}
