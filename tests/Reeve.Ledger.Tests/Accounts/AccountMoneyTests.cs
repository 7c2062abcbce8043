using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountMoneyOnSqlite() : AccountMoneyTests(new SqliteEngine());

public sealed class AccountMoneyOnPostgres() : AccountMoneyTests(new PostgresEngine());

public abstract class AccountMoneyTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private static readonly FinancialYear LastYear = new(2024);
    private static readonly FinancialYear ThisYear = new(2025);

    [Fact]
    public async Task Balance_and_payments_are_summed_by_year_and_a_reversed_payment_no_longer_counts_as_paid()
    {
        var account = await OpenAccountAsync();
        Posted(await PostAsync(
            Entries.Charge(account, Money.FromPence(120_000)) with { Year = LastYear, EffectiveDate = new LocalDate(2024, 4, 1) },
            Entries.Charge(account, Money.FromPence(150_000)),
            Entries.Payment(account, Money.FromPence(20_000)) with { Year = LastYear, EffectiveDate = new LocalDate(2024, 5, 1) }));
        var bounced = Posted(await PostAsync(Entries.Payment(account, Money.FromPence(30_000)))).Posted.Single();
        Posted(await PostAsync(Entries.Payment(account, Money.FromPence(5_000))));
        await InTransactionAsync((c, tx) => ReverseEntry.ReverseAsync(c, tx, Council, bounced.EntryId, new LocalDate(2025, 5, 1), "jsmith", "Cheque bounced", Now));

        var money = (await ReadAsync(c => AccountMoney.ForAccountsAsync(c, Council, [account.AccountId])))[account.AccountId];

        money.ByYear.ShouldBe(
        [
            new YearMoney(LastYear, Money.FromPence(100_000), Money.FromPence(20_000)),
            new YearMoney(ThisYear, Money.FromPence(145_000), Money.FromPence(5_000)),
        ]);
        money.Balance.ShouldBe(await BalanceAsync(account));
        money.PaidNet.ShouldBe(Money.FromPence(25_000));
    }

    [Fact]
    public async Task Money_as_at_a_date_leaves_out_later_entries_and_an_account_without_entries_has_no_years()
    {
        var account = await OpenAccountAsync();
        var empty = await OpenAccountAsync();
        Posted(await PostAsync(
            Entries.Charge(account, Money.FromPence(150_000)),
            Entries.Payment(account, Money.FromPence(10_000)) with { EffectiveDate = new LocalDate(2025, 6, 1) }));

        var asAtMay = await ReadAsync(c => AccountMoney.ForAccountsAsync(c, Council, [account.AccountId, empty.AccountId], asAt: new LocalDate(2025, 5, 31)));

        asAtMay[account.AccountId].Year(ThisYear).ShouldBe(new YearMoney(ThisYear, Money.FromPence(150_000), Money.Zero));
        asAtMay[empty.AccountId].ByYear.ShouldBeEmpty();
        asAtMay[empty.AccountId].Balance.ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task The_net_payments_fragment_counts_payments_not_reversed_by_the_date_for_a_range_of_accounts()
    {
        var inRange = await OpenAccountAsync();
        var outOfRange = await OpenAccountAsync();
        var bounced = Posted(await PostAsync(Entries.Payment(inRange, Money.FromPence(30_000)))).Posted.Single();
        Posted(await PostAsync(Entries.Payment(inRange, Money.FromPence(4_000)), Entries.Payment(outOfRange, Money.FromPence(9_000))));
        await InTransactionAsync((c, tx) => ReverseEntry.ReverseAsync(c, tx, Council, bounced.EntryId, new LocalDate(2025, 7, 1), "jsmith", "Recalled", Now));

        async Task<IReadOnlyList<(long Account, int Year, long Paid)>> PaidAsync(LocalDate asAt) =>
            (await ReadAsync(c => c.QueryAsync<(long, int, long)>(
                "select account_id, financial_year, paid from (" + AccountMoney.NetPaymentsByYearSql + ") n order by account_id",
                new { council = Council.Value, lo = inRange.AccountId - 1, hi = inRange.AccountId, asAt }))).ToList();

        (await PaidAsync(new LocalDate(2025, 6, 30))).ShouldBe([(inRange.AccountId, 2025, 34_000L)]);
        (await PaidAsync(new LocalDate(2025, 7, 1))).ShouldBe([(inRange.AccountId, 2025, 4_000L)]);
    }
}
