using Dapper;
using NodaTime;
using Reeve.TestKit;

namespace Reeve.DemoCouncil.Tests;

public sealed class DemoOverpaymentsOnSqlite() : DemoOverpaymentsTests(new SqliteEngine());

public sealed class DemoOverpaymentsOnPostgres() : DemoOverpaymentsTests(new PostgresEngine());

public abstract class DemoOverpaymentsTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate AsAt = new(2026, 11, 22);

    protected override bool StartMigrated => false;

    [Fact]
    public async Task The_demo_council_has_overpayments_of_every_cause_charged_once_with_deductions_from_ongoing_benefit()
    {
        await DemoCouncilBuilder.CreateAsync(Db, new DemoOptions(400, 7, AsAt, "correct-horse-battery"), Clock);

        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from hb_claim where council_id = 1"))).ShouldBe(10); // one for every 40 of the 400 dwellings
        var causes = (await ReadAsync(c => c.QueryAsync<string>("select distinct cause from hb_overpayment where council_id = 1"))).Order().ToList();
        causes.ShouldBe(["claimant-error", "fraud", "la-error", "official-error"]);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from hb_overpayment where council_id = 1 and revises is not null"))).ShouldBe(1);
        var charged = await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from hb_overpayment where council_id = 1 and account_id is not null"));
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry where council_id = 1 and idempotency_key like 'hb-overpayment:%'"))).ShouldBe(charged);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(distinct week_starting) from hb_deduction where council_id = 1"))).ShouldBe(4);
    }
}
