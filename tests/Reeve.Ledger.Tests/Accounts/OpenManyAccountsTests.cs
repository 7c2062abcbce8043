using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class OpenManyAccountsOnSqlite() : OpenManyAccountsTests(new SqliteEngine());

public sealed class OpenManyAccountsOnPostgres() : OpenManyAccountsTests(new PostgresEngine());

/// <summary>Opening accounts in a batch (an import of invoices opens one per invoice) gives what opening them one by one would.</summary>
public abstract class OpenManyAccountsTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task A_batch_of_accounts_reads_back_in_order_with_sequential_references_and_their_liable_party()
    {
        await InTransactionAsync((c, tx) => c.ExecuteAsync(
            "insert into party (council_id, party_id, kind, version, created_at) values (1, 70, 'organisation', 1, @now)", new { now = Now }, tx));
        var before = await OpenAccountAsync(AccountKind.Sundry);

        var opened = await InTransactionAsync((c, tx) => AccountStore.OpenManyAsync(c, tx, Council, AccountKind.Sundry,
            [new AccountStore.NewAccount(new LocalDate(2025, 5, 1), 70), new AccountStore.NewAccount(new LocalDate(2025, 5, 2), 70)], Now));

        opened.Select(a => a.Reference).ShouldBe([AccountReference.Create(AccountKind.Sundry, 2), AccountReference.Create(AccountKind.Sundry, 3)]);
        opened.Select(a => a.AccountId).ShouldNotContain(before.AccountId);
        foreach (var account in opened)
        {
            (await ReadAsync(c => AccountStore.GetAsync(c, Council, account.AccountId))).ShouldBe(account);
            var party = (await ReadAsync(c => AccountStore.PartiesAsync(c, Council, account.AccountId))).ShouldHaveSingleItem();
            (party.PartyId, party.Role, party.LiableFrom, party.LiableTo).ShouldBe((70L, "liable", account.OpenedOn, (LocalDate?)null));
        }
    }

    [Fact]
    public async Task A_batch_of_household_accounts_keeps_each_property_and_makes_two_liable_people_joint()
    {
        // Annual billing opens an account for each newly liable household: a couple is jointly and severally liable.
        await InTransactionAsync((c, tx) => c.ExecuteAsync(
            "insert into party (council_id, party_id, kind, version, created_at) values (1, 71, 'person', 1, @now), (1, 72, 'person', 1, @now), (1, 73, 'person', 1, @now)",
            new { now = Now }, tx));
        await InTransactionAsync((c, tx) => c.ExecuteAsync(
            "insert into property (council_id, uprn, address_line1, town, postcode, kind, band, search_key, version, created_at) " +
            "values (1, 9001, '1 Mill Lane', 'Wealdmoor', 'WM1 1AA', 'domestic', 'C', '1 mill lane', 1, @now), (1, 9002, '2 Mill Lane', 'Wealdmoor', 'WM1 1AA', 'domestic', 'C', '2 mill lane', 1, @now)",
            new { now = Now }, tx));

        var opened = await InTransactionAsync((c, tx) => AccountStore.OpenManyAsync(c, tx, Council, AccountKind.CouncilTax,
            [new AccountStore.NewLiableAccount(9001, new LocalDate(2026, 4, 1), [71, 72]), new AccountStore.NewLiableAccount(9002, new LocalDate(2026, 4, 1), [73])], Now));

        opened.Select(a => a.Uprn).ShouldBe([9001L, 9002L]);
        (await ReadAsync(c => AccountStore.GetManyAsync(c, Council, opened.Select(a => a.AccountId).ToList()))).Values.OrderBy(a => a.AccountId).ShouldBe(opened);
        (await ReadAsync(c => AccountStore.PartiesOfAsync(c, Council, opened.Select(a => a.AccountId).ToList())))
            .Select(p => (p.AccountId, p.PartyId, p.Role))
            .ShouldBe([(opened[0].AccountId, 71L, "joint"), (opened[0].AccountId, 72L, "joint"), (opened[1].AccountId, 73L, "liable")]);
    }
}
