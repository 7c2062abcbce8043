using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class CollectionTotalsOnSqlite() : CollectionTotalsTests(new SqliteEngine());

public sealed class CollectionTotalsOnPostgres() : CollectionTotalsTests(new PostgresEngine());

public abstract class CollectionTotalsTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private static readonly LocalDate April = new(2025, 4, 1);
    private static readonly LocalDate May = new(2025, 5, 20);

    [Fact]
    public async Task Debit_is_charges_less_reductions_and_receipts_are_payments_less_reversals_each_by_year_and_day_for_one_kind()
    {
        var ct = await OpenAccountAsync();
        var rates = await OpenAccountAsync(AccountKind.BusinessRates);
        var charge = Entries.Charge(ct, Money.FromPence(120_000)) with { EffectiveDate = April };
        var reduction = Entries.Of(EntryKind.AdjustmentDecrease, ct, Money.FromPence(20_000)) with { EffectiveDate = May };
        var costs = Entries.Of(EntryKind.Costs, ct, Money.FromPence(8_500)) with { EffectiveDate = May };
        var arrearsPayment = Entries.Payment(ct, Money.FromPence(5_000)) with { Year = new FinancialYear(2024), EffectiveDate = May };
        var payment = Entries.Payment(ct, Money.FromPence(10_000)) with { EffectiveDate = May };
        var wrongPayment = Entries.Payment(ct, Money.FromPence(3_000)) with { EffectiveDate = May };
        var ratesCharge = Entries.Charge(rates, Money.FromPence(999_999)) with { EffectiveDate = April };
        var posted = Posted(await PostAsync(charge, reduction, costs, arrearsPayment, payment, wrongPayment, ratesCharge)).Posted;
        await InTransactionAsync(async (c, tx) =>
            await ReverseEntry.ReverseOnAccountAsync(c, tx, Council, ct.Reference, posted[5].EntryId, May, "officer", "Posted to the wrong account", Now));

        var days = await ReadAsync(c => CollectionTotals.ByDayAsync(c, Council, AccountKind.CouncilTax, new LocalDate(2024, 1, 1), new LocalDate(2026, 3, 31)));

        days.ShouldBe(
        [
            new CollectionTotals.DayTotal(new FinancialYear(2024), May, Money.Zero, Money.FromPence(5_000)),
            new CollectionTotals.DayTotal(new FinancialYear(2025), April, Money.FromPence(120_000), Money.Zero),
            // Costs are neither debit nor receipts; the reversed payment takes itself back out.
            new CollectionTotals.DayTotal(new FinancialYear(2025), May, Money.FromPence(-20_000), Money.FromPence(10_000)),
        ]);
        var onlyThisYear = await ReadAsync(c => CollectionTotals.ByDayAsync(c, Council, AccountKind.CouncilTax, April, May, [2025]));
        onlyThisYear.Select(d => d.Year.StartYear).Distinct().ShouldBe([2025]);
    }

    [Fact]
    public async Task Owed_years_are_the_account_years_with_a_balance_as_at_the_day_and_paid_ones_are_left_out()
    {
        var owing = await OpenAccountAsync();
        var paid = await OpenAccountAsync();
        await PostAsync(
            Entries.Charge(owing, Money.FromPence(50_000)) with { EffectiveDate = April },
            Entries.Payment(owing, Money.FromPence(10_000)) with { EffectiveDate = new LocalDate(2025, 6, 1) },
            Entries.Charge(paid, Money.FromPence(30_000)) with { EffectiveDate = April },
            Entries.Payment(paid, Money.FromPence(30_000)) with { EffectiveDate = May });

        var owed = await ReadAsync(c => CollectionTotals.OwedYearsAsync(c, Council, AccountKind.CouncilTax, May));

        // The June payment is after the day asked about, so the whole charge was still owed then.
        owed.ShouldBe([new CollectionTotals.OwedYear(owing.AccountId, new FinancialYear(2025), Money.FromPence(50_000))]);
    }

    [Fact]
    public async Task Open_accounts_are_counted_by_how_they_pay()
    {
        await Accounts.OpenAsync(Db, Council, Now, paymentMethod: "direct-debit");
        await Accounts.OpenAsync(Db, Council, Now, paymentMethod: "direct-debit");
        await Accounts.OpenAsync(Db, Council, Now, paymentMethod: "cash");
        await Accounts.OpenAsync(Db, Council, Now, AccountKind.Sundry, paymentMethod: "direct-debit");

        var counts = await ReadAsync(c => CollectionTotals.OpenAccountsByPaymentMethodAsync(c, Council, AccountKind.CouncilTax));

        counts["direct-debit"].ShouldBe(2);
        counts["cash"].ShouldBe(1);
    }
}
