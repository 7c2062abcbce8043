using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public sealed class BillingRunBillsOnSqlite() : BillingRunBillsTests(new SqliteEngine());

public sealed class BillingRunBillsOnPostgres() : BillingRunBillsTests(new PostgresEngine());

/// <summary>What Council Tax hands the print run: a billing run with the bills it issued.</summary>
public abstract class BillingRunBillsTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    [Fact]
    public async Task A_finished_run_is_handed_over_with_each_bill_it_issued_in_account_order_and_an_unknown_run_is_null()
    {
        var runId = await BilledDwellings.BillAsync(Db, Council, Clock,
            new BilledDwellings.Dwelling(100_000_000_201, "2 Mill Lane", "WD2 1AA", 'B', "Birch"),
            new BilledDwellings.Dwelling(100_000_000_202, "4 Mill Lane", "WD2 1AB", 'D', "Dale"));
        var first = await BilledDwellings.AccountOnAsync(Db, Council, 100_000_000_201);
        var second = await BilledDwellings.AccountOnAsync(Db, Council, 100_000_000_202);

        var run = (await ReadAsync(c => BillingRunBills.ForPrintAsync(c, Council, runId))).ShouldNotBeNull();

        (run.RunId, run.Year, run.IssuedOn, run.Status).ShouldBe((runId, BilledDwellings.Year, BilledDwellings.IssuedOn, "finished"));
        run.Bills.ShouldBe([new Reeve.Letters.BillToPrint(first, 1, BilledDwellings.IssuedOn), new Reeve.Letters.BillToPrint(second, 1, BilledDwellings.IssuedOn)]);
        (await ReadAsync(c => BillingRunBills.ForPrintAsync(c, Council, runId + 1))).ShouldBeNull();
    }
}
