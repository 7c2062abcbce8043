using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public sealed class CouncilTaxBillExplanationsOnSqlite() : CouncilTaxBillExplanationsTests(new SqliteEngine());

public sealed class CouncilTaxBillExplanationsOnPostgres() : CouncilTaxBillExplanationsTests(new PostgresEngine());

/// <summary>Council Tax's bills as the residents' portal reads them, through Ledger's <see cref="Reeve.Ledger.IBillExplanations"/>.</summary>
public abstract class CouncilTaxBillExplanationsTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    [Fact]
    public async Task The_current_bill_comes_with_its_stored_working_and_instalments_that_add_up_to_it()
    {
        // Band D in area WLD is £2,250.00 for 2026/27; one adult there gets 25% off (LGFA 1992 s11): £1,687.50.
        const long uprn = 100_000_000_700;
        await BilledDwellings.BillAsync(Db, Council, Clock, new BilledDwellings.Dwelling(uprn, "7 Mill Lane", "WD7 1AB", 'D', "Lee"));
        var accountId = await BilledDwellings.AccountOnAsync(Db, Council, uprn);
        await using var c = await Db.OpenAsync();

        var bill = (await new CouncilTaxBillExplanations().CurrentBillsAsync(c, Council, accountId)).ShouldHaveSingleItem();
        bill.Year.ShouldBe(BilledDwellings.Year);
        bill.IssuedOn.ShouldBe(BilledDwellings.IssuedOn);
        bill.Net.ShouldBe(Money.FromPence(168_750));
        bill.Working.ShouldNotBeEmpty();
        bill.Working.ShouldAllBe(s => s.Step.Length > 0 && s.Source.Length > 0);
        Money.Sum(bill.Instalments.Select(i => i.Amount)).ShouldBe(bill.Net);
    }
}
