using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class PropertyAccountsOnSqlite() : PropertyAccountsTests(new SqliteEngine());

public sealed class PropertyAccountsOnPostgres() : PropertyAccountsTests(new PostgresEngine());

public abstract class PropertyAccountsTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task Accounts_of_a_kind_on_properties_read_back_with_their_parties_in_order_and_their_instalment_terms()
    {
        // Two people jointly liable at one dwelling, one at the next, a business rates account at the first; the
        // council tax accounts are found by a UPRN, a range of UPRNs or a list of them.
        var (joint, single, rates) = await InTransactionAsync(async (c, tx) =>
        {
            foreach (var uprn in new[] { 10L, 20L, 30L })
            {
                await c.ExecuteAsync(
                    "insert into property (council_id, uprn, address_line1, town, postcode, kind, search_key, created_at) values (@council, @uprn, 'x', 'x', 'x', 'domestic', 'x', @now)",
                    new { council = Council.Value, uprn, now = Now }, tx);
            }

            foreach (var party in new[] { 7L, 5L, 9L })
            {
                await c.ExecuteAsync("insert into party (council_id, party_id, kind, created_at) values (@council, @party, 'person', @now)",
                    new { council = Council.Value, party, now = Now }, tx);
            }

            var from = new LocalDate(2025, 4, 1);
            var a = await AccountStore.OpenAsync(c, tx, Council, AccountKind.CouncilTax, 10, from, "cash", Now);
            var b = await AccountStore.OpenAsync(c, tx, Council, AccountKind.CouncilTax, 20, from, "cash", Now);
            var r = await AccountStore.OpenAsync(c, tx, Council, AccountKind.BusinessRates, 10, from, "cash", Now);
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(a.AccountId, 7, "joint", from, null));
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(a.AccountId, 5, "joint", from, null));
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(b.AccountId, 9, "liable", from, null));
            await AccountInstalmentTerms.SetDayAsync(c, tx, Council, b.AccountId, 15);
            return (a.AccountId, b.AccountId, r.AccountId);
        });

        var one = await ReadAsync(c => PropertyAccounts.OnAsync(c, Council, AccountKind.CouncilTax, 10));
        var only = one.ShouldHaveSingleItem();
        (only.AccountId, only.Uprn, only.InstalmentDay, only.InstalmentsRequested).ShouldBe((joint, 10L, 1, (int?)null));
        only.Parties.ShouldBe([5, 7]);
        var range = await ReadAsync(c => PropertyAccounts.InRangeAsync(c, Council, AccountKind.CouncilTax, 10, 30));
        range.Select(a => (a.AccountId, a.Uprn, a.InstalmentDay)).ShouldBe([(joint, 10L, 1), (single, 20L, 15)]);
        var many = await ReadAsync(c => PropertyAccounts.OnManyAsync(c, Council, AccountKind.CouncilTax, [20, 30]));
        many.ShouldHaveSingleItem().Parties.ShouldBe([9]);
        (await ReadAsync(c => PropertyAccounts.OnAsync(c, Council, AccountKind.BusinessRates, 10))).ShouldHaveSingleItem().AccountId.ShouldBe(rates);
        (await ReadAsync(c => PropertyAccounts.OnAsync(c, Council, AccountKind.CouncilTax, 30))).ShouldBeEmpty();
    }
}
