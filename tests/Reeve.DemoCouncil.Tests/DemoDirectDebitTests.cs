using Dapper;
using NodaTime;
using Reeve.DemoCouncil;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.TestKit;

namespace Reeve.DemoCouncil.Tests;

public abstract class DemoDirectDebitTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate AsAt = new(2026, 11, 22);

    protected override bool StartMigrated => false;

    [Fact]
    public async Task Every_open_demo_account_paying_by_direct_debit_has_an_active_mandate_that_the_next_run_collects()
    {
        await DemoCouncilBuilder.CreateAsync(Db, new DemoOptions(60, 7, AsAt, "correct-horse-battery"), Clock);
        var council = new CouncilId(1);
        var paying = await ReadAsync(c => c.ExecuteScalarAsync<long>(
            "select count(*) from account where council_id = 1 and payment_method = 'direct-debit' and closed_on is null"));
        var mandates = await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from dd_mandate where council_id = 1 and status = 'active'"));

        // Monday 30 November 2026 processes the instalments due on Tuesday 1 December.
        var result = await CollectDirectDebits.CollectAsync(Db, council, new LocalDate(2026, 11, 30), AsAt, WorkingDays.EnglandAndWales, "test", Now);

        paying.ShouldBeGreaterThan(0);
        mandates.ShouldBe(paying);
        var report = result.ShouldBeOfType<CollectDirectDebits.Result.Collected>().Report;
        report.Run.Collections.ShouldBeGreaterThan(0);
        report.ByCode.ShouldAllBe(c => c.Code == Payments.Domain.Bacs.TransactionCode.RegularCollection);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from dd_collection"))).ShouldBe(report.Run.Collections);
    }
}

public sealed class DemoDirectDebitOnSqlite() : DemoDirectDebitTests(new SqliteEngine());

public sealed class DemoDirectDebitOnPostgres() : DemoDirectDebitTests(new PostgresEngine());
