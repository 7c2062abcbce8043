using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountsAtPropertiesOnSqlite() : AccountsAtPropertiesTests(new SqliteEngine());

public sealed class AccountsAtPropertiesOnPostgres() : AccountsAtPropertiesTests(new PostgresEngine());

public abstract class AccountsAtPropertiesTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task Every_account_open_or_closed_at_any_of_the_properties_is_found_in_id_order()
    {
        var (earlier, later, elsewhere, none) = await InTransactionAsync(async (c, tx) =>
        {
            foreach (var uprn in new long[] { 100, 200, 300 })
            {
                await c.ExecuteAsync(
                    "insert into property (council_id, uprn, address_line1, town, postcode, kind, search_key, created_at) values (@council, @uprn, 'A house', 'Wealdmoor', 'WD1 1AB', 'domestic', 'A HOUSE', @now)",
                    new { council = Council.Value, uprn, now = Now }, tx);
            }

            var a = await AccountStore.OpenAsync(c, tx, Council, AccountKind.CouncilTax, 100, new LocalDate(2020, 4, 1), "cash", Now);
            var b = await AccountStore.OpenAsync(c, tx, Council, AccountKind.CouncilTax, 200, new LocalDate(2024, 4, 1), "cash", Now);
            var d = await AccountStore.OpenAsync(c, tx, Council, AccountKind.CouncilTax, 300, new LocalDate(2024, 4, 1), "cash", Now);
            var e = await AccountStore.OpenAsync(c, tx, Council, AccountKind.Sundry, null, new LocalDate(2024, 4, 1), "cash", Now);
            await AccountStore.CloseAsync(c, tx, Council, a.AccountId, new LocalDate(2024, 3, 31));
            return (a, b, d, e);
        });

        var found = await ReadAsync(c => AccountsAtProperties.IdsAsync(c, Council, [200, 100, 999]));

        found.ShouldBe([earlier.AccountId, later.AccountId]);
        found.ShouldNotContain(elsewhere.AccountId);
        found.ShouldNotContain(none.AccountId);
    }
}
