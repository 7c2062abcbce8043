using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class RecordMoveInTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task Moving_in_opens_an_account_and_bills_it_with_instalments()
    {
        // LGFA 1992 s6 and s2; CTAE Regs 1992 reg 18 and Sch 1: a new resident is billed from the day they move in.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync('D', 2024, 2025);
        var sam = await PersonAsync("Sam", "Hart", new LocalDate(2020, 1, 1));

        var outcome = await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now));

        var bill = outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        bill.Net.ShouldBe(Money.FromPence(136_875)); // one adult: £1,825 less 25%
        bill.Instalments.Count.ShouldBe(10);
        Money.Sum(bill.Instalments.Select(i => i.Amount)).ShouldBe(bill.Net);
        var balance = await ReadAsync(c => ReadBalance.BalanceAsync(c, Council, bill.AccountId));
        balance.ShouldBe(bill.Net);
    }
}

public sealed class RecordMoveInOnSqlite() : RecordMoveInTests(new SqliteEngine());

public sealed class RecordMoveInOnPostgres() : RecordMoveInTests(new PostgresEngine());
