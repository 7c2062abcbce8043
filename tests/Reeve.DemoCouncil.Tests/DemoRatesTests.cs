using Dapper;
using NodaTime;
using Reeve.BusinessRates;
using Reeve.DemoCouncil;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.DemoCouncil.Tests;

public abstract class DemoRatesTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate AsAt = new(2026, 11, 22);

    [Fact]
    public async Task The_demo_rating_list_has_a_hereditament_per_hundred_dwellings_with_occupiers_billed_every_year_and_due_schedules()
    {
        await DemoRates.RunAsync(Db, DemoCouncilProfile.Wealdmoor, 3_000, 7, AsAt, Now, default);

        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from hereditament where council_id = 1"))).ShouldBe(30);
        // Every hereditament has a 2023 and a 2026 value; every seventh from the fourth had its 2023 value altered.
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from rateable_value where council_id = 1"))).ShouldBe(30 + 30 + 4);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from rates_list_import where council_id = 1"))).ShouldBe(3);
        var occupied = await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from rates_occupation where council_id = 1"));
        occupied.ShouldBeGreaterThan(15);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from account where council_id = 1 and kind = 'business-rates'"))).ShouldBe(occupied);
        // Each occupation is billed for every year from the one it began in to 2026/27, and no more.
        var missing = await ReadAsync(c => c.ExecuteScalarAsync<long>(
            "select count(*) from rates_occupation o where o.council_id = 1 and not exists (select 1 from rates_bill b where b.council_id = 1 and b.account_id = o.account_id and b.financial_year = 2026)"));
        missing.ShouldBe(0);
        BusinessRatesModule.Register();
        var due = await ReadAsync(async c => (await c.QueryAsync<long>(DebtStreams.Find(AccountKind.BusinessRates)!.DueScheduleSql,
            new { council = 1, lo = 0L, hi = long.MaxValue, asAt = AsAt })).Count());
        due.ShouldBeGreaterThan(0);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>(
            "select count(*) from rates_bill b where b.council_id = 1 and b.net_pence > 0 and not exists (select 1 from rates_instalment i where i.council_id = 1 and i.account_id = b.account_id and i.financial_year = b.financial_year)"))).ShouldBe(0);
    }
}

public sealed class DemoRatesOnSqlite() : DemoRatesTests(new SqliteEngine());

public sealed class DemoRatesOnPostgres() : DemoRatesTests(new PostgresEngine());
