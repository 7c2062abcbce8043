using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public sealed class BillingRunCouncilsOnSqlite() : BillingRunCouncilsTests(new SqliteEngine());

public sealed class BillingRunCouncilsOnPostgres() : BillingRunCouncilsTests(new PostgresEngine());

public abstract class BillingRunCouncilsTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    [Fact]
    public async Task Each_council_with_a_billing_run_of_that_number_is_named_once()
    {
        // Run numbers are counted within a council, so two councils can each have a run 1.
        var other = await Councils.SeedOtherAsync(Db, Now);
        await InTransactionAsync(async (c, tx) =>
        {
            foreach (var (council, run) in new[] { (Council, 1L), (other, 1L), (Council, 2L) })
            {
                await c.ExecuteAsync(
                    "insert into billing_run (council_id, run_id, financial_year, issued_on, status, started_at, started_by) values (@council, @run, 2026, @on, 'finished', @now, 'test')",
                    new { council = council.Value, run, on = new LocalDate(2026, 3, 9), now = Now }, tx);
            }

            return 0;
        });

        (await ReadAsync(c => BillingRunCouncils.HoldingAsync(c, 1))).ShouldBe([Council, other]);
        (await ReadAsync(c => BillingRunCouncils.HoldingAsync(c, 2))).ShouldBe([Council]);
        (await ReadAsync(c => BillingRunCouncils.HoldingAsync(c, 3))).ShouldBeEmpty();
    }
}
