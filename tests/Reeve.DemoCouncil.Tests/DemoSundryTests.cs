using Dapper;
using NodaTime;
using Reeve.Sundry.Features.SetUpServiceAreas;
using Reeve.TestKit;

namespace Reeve.DemoCouncil.Tests;

public sealed class DemoSundryOnSqlite() : DemoSundryTests(new SqliteEngine());

public sealed class DemoSundryOnPostgres() : DemoSundryTests(new PostgresEngine());

public abstract class DemoSundryTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate AsAt = new(2026, 11, 22);

    protected override bool StartMigrated => false;

    [Fact]
    public async Task The_demo_council_has_six_service_areas_and_invoices_to_individuals_and_businesses_each_charged_once()
    {
        await DemoCouncilBuilder.CreateAsync(Db, new DemoOptions(400, 7, AsAt, "correct-horse-battery"), Clock);

        (await ReadAsync(c => ServiceAreas.AllAsync(c, Council))).Count.ShouldBe(6);
        var invoices = await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from sundry_invoice where council_id = 1"));
        invoices.ShouldBe(50); // one for every eight of the 400 dwellings
        var types = (await ReadAsync(c => c.QueryAsync<string>("select distinct customer_type from sundry_customer where council_id = 1"))).Order().ToList();
        types.ShouldBe(["individual", "organisation"]);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry where council_id = 1 and idempotency_key like 'sundry-invoice:%'"))).ShouldBe(invoices);
    }
}
