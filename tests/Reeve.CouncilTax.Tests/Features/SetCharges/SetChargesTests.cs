using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class SetChargesTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task A_charge_setting_is_checked_whole_and_fixed_once_the_year_is_billed()
    {
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await DwellingAsync('D', 2025);
        var year = new FinancialYear(2026);
        Precept Own(long pence) => new("Wealdmoor District Council", "billing-authority", Money.FromPence(pence), null);

        (await Db.InTransactionAsync((c, tx) => SetCharges.SetAsync(c, tx, Council, "OAK", "Oakley", year, [Own(20_000), new Precept("Oakley Parish", "parish", Money.FromPence(-1), null)])))
            .ShouldBeOfType<Outcome<Money>.Invalid>().Field.ShouldBe("precepts[1].bandD");
        (await Db.InTransactionAsync((c, tx) => SetCharges.SetAsync(c, tx, Council, "OAK", "Oakley", year, [Own(20_000), Own(30_000)])))
            .ShouldBeOfType<Outcome<Money>.Invalid>().Field.ShouldBe("precepts[1].preceptor");
        (await Db.InTransactionAsync((c, tx) => SetCharges.SetAsync(c, tx, Council, "OAK", "Oakley", year, [new Precept("Police", "police", Money.FromPence(30_000), null)])))
            .ShouldBeOfType<Outcome<Money>.Invalid>().Field.ShouldBe("precepts");
        (await Db.InTransactionAsync((c, tx) => SetCharges.SetAsync(c, tx, Council, "OAK", "Oakley", year, [Own(20_000), new Precept("Oakley Parish", "parish", Money.FromPence(5_000), null)])))
            .ShouldBeOfType<Outcome<Money>.Done>().Value.ShouldBe(Money.FromPence(25_000));
        (await SetCharges.AreasAsync(Db, Council, year)).ShouldContain(("OAK", "Oakley", Money.FromPence(25_000)));

        var ada = await PersonAsync("Ada", "Okafor", new LocalDate(1990, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, ada, new LocalDate(2020, 1, 1), Interest.Tenant, null, "officer", Now));
        (await Db.InTransactionAsync((c, tx) => SetCharges.SetAsync(c, tx, Council, "WLD", "Wealdmoor", new FinancialYear(2025), [Own(190_000)])))
            .ShouldBeOfType<Outcome<Money>.Conflict>().Message.ShouldContain("have been issued");
    }
}

public sealed class SetChargesOnSqlite() : SetChargesTests(new SqliteEngine());

public sealed class SetChargesOnPostgres() : SetChargesTests(new PostgresEngine());
