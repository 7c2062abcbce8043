using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.Reporting.Tests.Features;

public sealed class CollectionDashboardOnSqlite() : CollectionDashboardTests(new SqliteEngine());

public sealed class CollectionDashboardOnPostgres() : CollectionDashboardTests(new PostgresEngine());

public abstract class CollectionDashboardTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly FinancialYear Year = new(2025);

    [Fact]
    public async Task The_dashboard_reads_the_years_collection_from_the_ledger_against_last_year_and_the_latest_target()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now, paymentMethod: "direct-debit");
        await Accounts.OpenAsync(Db, Council, Now);
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
        [
            Entries.Charge(account, Money.FromPence(100_000)) with { Year = new FinancialYear(2024), EffectiveDate = new LocalDate(2024, 4, 1) },
            Entries.Payment(account, Money.FromPence(40_000)) with { Year = new FinancialYear(2024), EffectiveDate = new LocalDate(2024, 4, 20) },
            Entries.Charge(account, Money.FromPence(200_000)) with { EffectiveDate = new LocalDate(2025, 4, 1) },
            Entries.Payment(account, Money.FromPence(50_000)) with { EffectiveDate = new LocalDate(2025, 4, 20) },
            Entries.Payment(account, Money.FromPence(10_000)) with { EffectiveDate = new LocalDate(2025, 5, 2) },
        ], Now));
        await InTransactionAsync((c, tx) => SetCollectionTarget.HandleAsync(c, tx,
            new SetCollectionTarget.Request(Council, AccountKind.CouncilTax, Year, 9_500, "Budget report, February 2025", "manager", Now)));
        await InTransactionAsync((c, tx) => SetCollectionTarget.HandleAsync(c, tx,
            new SetCollectionTarget.Request(Council, AccountKind.CouncilTax, Year, 9_650, "Revised at quarter one", "manager2", Now.Plus(Duration.FromDays(1)))));

        var dashboard = await ReadAsync(c => ReadCollectionDashboard.HandleAsync(c, Council, AccountKind.CouncilTax, Year, new LocalDate(2025, 5, 10)));

        dashboard.ThisYear.Select(m => m.RateBasisPoints).ShouldBe([2_500, 3_000]);
        dashboard.SameMonthLastYear(dashboard.ThisYear[0])!.RateBasisPoints.ShouldBe(4_000);
        dashboard.Target!.BasisPoints.ShouldBe(9_650);
        dashboard.Target.SetBy.ShouldBe("manager2");
        dashboard.DirectDebitShareBasisPoints.ShouldBe(5_000);
    }

    [Fact]
    public async Task A_target_outside_0_01_to_100_percent_or_without_a_reason_is_refused_and_nothing_is_kept()
    {
        var tooHigh = await InTransactionAsync((c, tx) => SetCollectionTarget.HandleAsync(c, tx,
            new SetCollectionTarget.Request(Council, AccountKind.CouncilTax, Year, 10_001, "why", "manager", Now)));
        var noReason = await InTransactionAsync((c, tx) => SetCollectionTarget.HandleAsync(c, tx,
            new SetCollectionTarget.Request(Council, AccountKind.CouncilTax, Year, 9_000, " ", "manager", Now)));

        tooHigh.ShouldBeOfType<Outcome<CollectionTarget>.Invalid>().Field.ShouldBe("target");
        noReason.ShouldBeOfType<Outcome<CollectionTarget>.Invalid>().Field.ShouldBe("reason");
        (await ReadAsync(c => SetCollectionTarget.InForceAsync(c, Council, AccountKind.CouncilTax, Year))).ShouldBeNull();
    }
}
