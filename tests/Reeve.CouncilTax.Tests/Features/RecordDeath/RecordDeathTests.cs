using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Properties;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class RecordDeathTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const long Uprn = 100_000_000_321;

    private async Task SetUpAsync()
    {
        await InTransactionAsync(async (c, tx) =>
        {
            await PropertyStore.AddAsync(c, tx, new NewProperty(Council, Uprn, "3 Mill Lane", null, null, "Wealdmoor", "WD1 1AB", PropertyKind.Domestic, 'D'), Now);
            await c.ExecuteAsync("update property set area_code = 'WLD' where council_id = 1 and uprn = @Uprn", new { Uprn }, tx);
            await ChargeSetting.SetAsync(c, tx, Council, "WLD", "Wealdmoor", new FinancialYear(2025),
                [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(182_500), null)]);
            return 0;
        });
    }

    private Task<long> PersonAsync(string surname) => InTransactionAsync(async (c, tx) =>
        ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
            new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, "Pat", surname), null, new LocalDate(2000, 1, 1), [], null), "test", Now)).Value);

    [Fact]
    public async Task When_a_sole_owner_occupier_dies_the_bill_ends_the_day_before_and_the_home_is_exempt_under_class_F()
    {
        // LGFA 1992 s2(2) end-of-day rule; SI 1992/558 art 3 Class F: unoccupied since the death of the liable person.
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await SetUpAsync();
        var pat = await PersonAsync("Lowe");
        await Db.InTransactionAsync((c, tx) => RecordOwner.RecordAsync(c, tx, Council, Uprn, pat, new LocalDate(2010, 1, 1), "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, pat, new LocalDate(2010, 1, 1), Interest.Freeholder, null, "officer", Now));

        Clock.SetTo(Instant.FromUtc(2025, 8, 20, 9, 0));
        var outcome = await RecordDeath.RecordAsync(Db, Council, pat, new LocalDate(2025, 8, 10), "Tell Us Once notification", "officer", Now);

        var result = outcome.ShouldBeOfType<Outcome<RecordDeath.Result>.Done>().Value;
        result.Dwellings.ShouldBe([Uprn]);
        // 1 April to 9 August 2025 is 131 days of £1,368.75 (single person discount): £491.25 exactly.
        var bill = result.NewVersions.ShouldHaveSingleItem();
        bill.Net.ShouldBe(Money.FromPence(49_125), bill.Working);
        (await ReadAsync(c => c.ExecuteScalarAsync<string>("select code from ctax_award where kind = 'exemption'"))).ShouldBe("F");
    }

    [Fact]
    public async Task When_one_of_a_couple_dies_the_survivor_gets_the_single_person_discount_from_the_day_of_death()
    {
        // s11(1): one adult resident counted from then on.
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await SetUpAsync();
        var pat = await PersonAsync("Lowe");
        var sam = await PersonAsync("Lowe");
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, pat, new LocalDate(2010, 1, 1), Interest.Tenant, null, "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2010, 1, 1), Interest.OtherResident, pat, "officer", Now));

        Clock.SetTo(Instant.FromUtc(2025, 10, 1, 9, 0));
        var outcome = await RecordDeath.RecordAsync(Db, Council, pat, new LocalDate(2025, 9, 1), "Death certificate seen", "officer", Now);

        var versions = outcome.ShouldBeOfType<Outcome<RecordDeath.Result>.Done>().Value.NewVersions;
        // The couple's joint bill ends on 31 August (153 days of £1,825); the survivor is billed alone from 1 September (212 days of £1,368.75).
        versions.Select(v => v.Net).Order().ShouldBe([Money.FromPence(76_500), Money.FromPence(79_500)]);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ctax_award"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_death_cannot_be_recorded_twice_or_in_the_future()
    {
        Clock.SetTo(Instant.FromUtc(2025, 8, 20, 9, 0));
        await SetUpAsync();
        var pat = await PersonAsync("Lowe");

        (await RecordDeath.RecordAsync(Db, Council, pat, new LocalDate(2025, 9, 1), "x", "officer", Now))
            .ShouldBeOfType<Outcome<RecordDeath.Result>.Invalid>().Field.ShouldBe("dateOfDeath");
        await RecordDeath.RecordAsync(Db, Council, pat, new LocalDate(2025, 8, 1), "x", "officer", Now);
        (await RecordDeath.RecordAsync(Db, Council, pat, new LocalDate(2025, 8, 1), "x", "officer", Now))
            .ShouldBeOfType<Outcome<RecordDeath.Result>.Invalid>().Field.ShouldBe("partyId");
    }
}

public sealed class RecordDeathOnSqlite() : RecordDeathTests(new SqliteEngine());

public sealed class RecordDeathOnPostgres() : RecordDeathTests(new PostgresEngine());
