using Dapper;
using Reeve.Kernel;
using NodaTime;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountPaymentTermsOnSqlite() : AccountPaymentTermsTests(new SqliteEngine());

public sealed class AccountPaymentTermsOnPostgres() : AccountPaymentTermsTests(new PostgresEngine());

public abstract class AccountPaymentTermsTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private sealed class Terms
    {
        public long account_id { get; set; }
        public string payment_method { get; set; } = "";
        public LocalDate? closed_on { get; set; }
    }

    [Fact]
    public async Task The_fragment_gives_each_account_in_the_range_its_payment_method_and_closing_day()
    {
        var before = await OpenAccountAsync();
        var open = await OpenAccountAsync();
        var closed = await OpenAccountAsync();
        var after = await OpenAccountAsync();
        var changed = await InTransactionAsync(async (c, tx) =>
        {
            await AccountStore.CloseAsync(c, tx, Council, closed.AccountId, new LocalDate(2025, 9, 30));
            return await AccountStore.ChangePaymentMethodAsync(c, tx, Council, open.AccountId, open.Version, "direct-debit");
        });
        changed.ShouldBeOfType<Outcome<Account>.Done>();

        var rows = (await ReadAsync(c => c.QueryAsync<Terms>(
            "select account_id, payment_method, closed_on from (" + AccountPaymentTerms.Sql + ") t order by account_id",
            new { council = Council.Value, lo = before.AccountId, hi = closed.AccountId }))).ToList();

        rows.Select(r => (r.account_id, r.payment_method, r.closed_on)).ShouldBe(
        [
            (open.AccountId, "direct-debit", (LocalDate?)null),
            (closed.AccountId, closed.PaymentMethod, new LocalDate(2025, 9, 30)),
        ]);
        rows.ShouldNotContain(r => r.account_id == after.AccountId);
    }
}
