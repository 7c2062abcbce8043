using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountsPayingByOnSqlite() : AccountsPayingByTests(new SqliteEngine());

public sealed class AccountsPayingByOnPostgres() : AccountsPayingByTests(new PostgresEngine());

public abstract class AccountsPayingByTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task Open_accounts_paying_one_way_are_listed_and_closed_ones_and_other_ways_are_not()
    {
        var paying = await Accounts.OpenAsync(Db, Council, Now, paymentMethod: "direct-debit", openedOn: new LocalDate(2025, 6, 1));
        var closed = await Accounts.OpenAsync(Db, Council, Now, paymentMethod: "direct-debit");
        await Accounts.OpenAsync(Db, Council, Now, paymentMethod: "cash");
        await InTransactionAsync(async (c, tx) =>
        {
            await AccountStore.CloseAsync(c, tx, Council, closed.AccountId, new LocalDate(2025, 9, 30));
            return 0;
        });

        var found = await ReadAsync(c => AccountsPayingBy.OpenAsync(c, Council, "direct-debit"));

        found.ShouldBe([new AccountsPayingBy.OpenAccount(paying.AccountId, paying.Reference.Value, new LocalDate(2025, 6, 1))]);
        (await ReadAsync(c => LedgerTotals.CountAsync(c))).ShouldBe((3, 0));
    }

    [Fact]
    public async Task A_party_owing_in_two_years_across_their_accounts_is_in_arrears_and_one_owing_in_one_year_is_not()
    {
        // Owed per year is the debtors book's debits less its credits, over every account the party is liable on.
        await InTransactionAsync(async (c, tx) =>
        {
            foreach (var party in new[] { 3L, 4L })
            {
                await c.ExecuteAsync("insert into party (council_id, party_id, kind, created_at) values (@council, @party, 'person', @now)",
                    new { council = Council.Value, party, now = Now }, tx);
            }

            return 0;
        });
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync();
        await InTransactionAsync(async (c, tx) =>
        {
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(first.AccountId, 3, "liable", new LocalDate(2024, 4, 1), null));
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(second.AccountId, 3, "liable", new LocalDate(2025, 4, 1), null));
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(second.AccountId, 4, "joint", new LocalDate(2025, 4, 1), null));
            return 0;
        });
        Posted(await PostAsync(Entries.Charge(first, Money.FromPence(10_000)) with { Year = new FinancialYear(2024), EffectiveDate = new LocalDate(2024, 4, 1) }, Entries.Charge(second, Money.FromPence(5_000))));

        (await ReadAsync(c => PartiesInArrears.OwingInYearsAsync(c, Council, 2))).ShouldBe([3]);
        (await ReadAsync(c => PartiesInArrears.OwingInYearsAsync(c, Council, 1))).ShouldBe([3, 4]);
        Posted(await PostAsync(Entries.Payment(first, Money.FromPence(10_000)) with { Year = new FinancialYear(2024), EffectiveDate = new LocalDate(2024, 4, 1) }));
        (await ReadAsync(c => PartiesInArrears.OwingInYearsAsync(c, Council, 2))).ShouldBeEmpty();
    }
}
