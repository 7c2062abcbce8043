using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class EndOwnershipTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task When_an_empty_home_is_sold_the_seller_is_billed_to_the_last_day_and_the_buyer_from_the_next()
    {
        // s6(2)(f): with nobody resident the owner is liable; the seller up to completion, the buyer after it.
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await DwellingAsync('D', 2025);
        var seller = await PersonAsync("Sam", "Okafor", new LocalDate(1990, 1, 1));
        var buyer = await PersonAsync("Bea", "Okafor", new LocalDate(1990, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordOwner.RecordAsync(c, tx, Council, Uprn, seller, new LocalDate(2015, 1, 1), "officer", Now));

        Clock.SetTo(Instant.FromUtc(2025, 7, 10, 9, 0));
        (await Db.InTransactionAsync((c, tx) => EndOwnership.RecordAsync(c, tx, Council, Uprn, seller, new LocalDate(2025, 6, 30), "officer", Now)))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>();
        var bought = await Db.InTransactionAsync((c, tx) => RecordOwner.RecordAsync(c, tx, Council, Uprn, buyer, new LocalDate(2025, 7, 1), "officer", Now));

        bought.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        var bills = await ReadAsync(c => c.QueryAsync<(long Party, long Pence)>(
            "select p.party_id, b.net_pence from bill b join account_party p on p.council_id = b.council_id and p.account_id = b.account_id " +
            "where b.version = (select max(version) from bill x where x.council_id = b.council_id and x.account_id = b.account_id and x.financial_year = b.financial_year)"));
        bills.Select(b => b.Party).Order().ShouldBe(new[] { seller, buyer }.Order());
        (await Db.InTransactionAsync((c, tx) => EndOwnership.RecordAsync(c, tx, Council, Uprn, seller, new LocalDate(2025, 8, 1), "officer", Now)))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("partyId");
    }
}

public sealed class EndOwnershipOnSqlite() : EndOwnershipTests(new SqliteEngine());

public sealed class EndOwnershipOnPostgres() : EndOwnershipTests(new PostgresEngine());
