using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class IncomeAndExpenditureOnSqlite() : IncomeAndExpenditureTests(new SqliteEngine());

public sealed class IncomeAndExpenditureOnPostgres() : IncomeAndExpenditureTests(new PostgresEngine());

public abstract class IncomeAndExpenditureTests(IDatabaseEngine engine) : CaseworkTest(engine)
{
    [Fact]
    public async Task The_latest_statement_is_read_back_whole_with_its_date_and_who_took_it()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        var budget = new Budget(2, 1, [("earnings", MoneyText.Parse("1500.00")), ("benefits", MoneyText.Parse("120.50"))],
            [("foodAndHousekeeping", MoneyText.Parse("400.00"))], [new Debt("CARD", "credit-card", MoneyText.Parse("2500.00"), false)]);
        await TakeAsync(ada, TwoHundredSpare());
        Clock.Advance(Duration.FromHours(1));
        await InTransactionAsync((c, tx) => IncomeAndExpenditureStore.RecordAsync(c, tx, Council, ada, Today.PlusDays(1), budget, "second-officer", Now));

        var latest = (await ReadAsync(c => IncomeAndExpenditureStore.LatestAsync(c, Council, ada)))!;

        latest.TakenOn.ShouldBe(Today.PlusDays(1));
        latest.TakenBy.ShouldBe("second-officer");
        latest.Budget.HouseholdAdults.ShouldBe(2);
        latest.Budget.Income.ShouldBe(budget.Income);
        latest.Budget.Expenditure.ShouldBe(budget.Expenditure);
        latest.Budget.Debts.ShouldBe(budget.Debts);
    }

    [Fact]
    public async Task Spending_guidelines_are_the_figures_in_force_on_the_day_asked()
    {
        await InTransactionAsync(async (c, tx) =>
        {
            await SpendingGuidelineStore.SetAsync(c, tx, Council, "travel", new LocalDate(2025, 4, 7), Money.FromPounds(100), Money.Zero, Money.Zero, "test");
            await SpendingGuidelineStore.SetAsync(c, tx, Council, "travel", new LocalDate(2026, 4, 6), Money.FromPounds(120), Money.Zero, Money.Zero, "test");
            return 0;
        });

        var before = await ReadAsync(c => SpendingGuidelineStore.InForceOnAsync(c, Council, new LocalDate(2026, 4, 5)));
        var after = await ReadAsync(c => SpendingGuidelineStore.InForceOnAsync(c, Council, new LocalDate(2026, 4, 6)));
        var none = await ReadAsync(c => SpendingGuidelineStore.InForceOnAsync(c, Council, new LocalDate(2025, 1, 1)));

        before.For("travel", 1, 0).ShouldBe(Money.FromPounds(100));
        after.For("travel", 1, 0).ShouldBe(Money.FromPounds(120));
        none.For("travel", 1, 0).ShouldBeNull();
    }

    [Fact]
    public async Task A_statement_for_someone_unknown_is_refused()
    {
        (await TakeAsync(987654, TwoHundredSpare())).ShouldBeOfType<Outcome<IncomeAndExpenditure>.NotFound>();
    }
}
