using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Properties;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class EndingFactsTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const long Uprn = 100_000_000_555;

    private async Task SetUpAsync()
    {
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await InTransactionAsync(async (c, tx) =>
        {
            await PropertyStore.AddAsync(c, tx, new NewProperty(Council, Uprn, "5 Mill Lane", null, null, "Wealdmoor", "WD1 1AB", PropertyKind.Domestic, 'D'), Now);
            await c.ExecuteAsync("update property set area_code = 'WLD' where council_id = 1 and uprn = @Uprn", new { Uprn }, tx);
            await ChargeSetting.SetAsync(c, tx, Council, "WLD", "Wealdmoor", new FinancialYear(2025),
                [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(182_500), null)]);
            return 0;
        });
    }

    private Task<long> PersonAsync(string forename) => InTransactionAsync(async (c, tx) =>
        ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
            new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, forename, "Okafor"), null, new LocalDate(1990, 1, 1), [], null), "test", Now)).Value);

    private Task<long> AwardIdAsync() => ReadAsync(c => c.ExecuteScalarAsync<long>("select award_id from ctax_award"));

    [Fact]
    public async Task Ending_a_student_disregard_mid_year_ends_the_single_person_discount_from_the_next_day()
    {
        // LGFA 1992 Sch 1 para 4: a student is disregarded, so one adult counts and s11(1) gives 25% off; once the
        // course ends both count. Band D £1,825: 153 days at £1,368.75 (£573.75) then 212 days at £1,825 (£1,060).
        await SetUpAsync();
        var ada = await PersonAsync("Ada");
        var ben = await PersonAsync("Ben");
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, ada, new LocalDate(2020, 1, 1), Interest.Tenant, null, "officer", Now);
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, ben, new LocalDate(2020, 1, 1), Interest.OtherResident, null, "officer", Now);
        await RecordLiabilityFacts.AwardAsync(Db, Council, Uprn,
            new RecordLiabilityFacts.Award("disregard", ben, "student", null, null, new LocalDate(2024, 9, 1), null, "Student certificate", null), "officer", Now);

        Clock.SetTo(Instant.FromUtc(2025, 9, 15, 9, 0));
        var outcome = await RecordLiabilityFacts.EndAwardAsync(Db, Council, Uprn, await AwardIdAsync(), new LocalDate(2025, 8, 31), "Course finished", "officer", Now);

        var bill = outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        bill.Net.ShouldBe(Money.FromPence(163_375), bill.Working);
        (await ReadAsync(c => c.ExecuteScalarAsync<string>("select evidence from ctax_award")))!.ShouldContain("Course finished");
    }

    [Fact]
    public async Task An_award_cannot_be_ended_before_it_starts_or_extended_by_ending_it_later()
    {
        await SetUpAsync();
        var ada = await PersonAsync("Ada");
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, ada, new LocalDate(2020, 1, 1), Interest.Tenant, null, "officer", Now);
        await RecordLiabilityFacts.AwardAsync(Db, Council, Uprn,
            new RecordLiabilityFacts.Award("reduction", ada, null, 50, null, new LocalDate(2025, 6, 1), new LocalDate(2025, 9, 30), "CTR assessment", null), "officer", Now);
        var award = await AwardIdAsync();

        (await RecordLiabilityFacts.EndAwardAsync(Db, Council, Uprn, award, new LocalDate(2025, 5, 31), "Wrong", "officer", Now))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("to");
        (await RecordLiabilityFacts.EndAwardAsync(Db, Council, Uprn, award, new LocalDate(2025, 12, 31), "Longer", "officer", Now))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Message.ShouldContain("already ends");
        (await RecordLiabilityFacts.EndAwardAsync(Db, Council, Uprn, award + 99, new LocalDate(2025, 7, 31), "Other", "officer", Now))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("awardId");
        (await RecordLiabilityFacts.EndAwardAsync(Db, Council, Uprn, award, new LocalDate(2025, 7, 31), " ", "officer", Now))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("reason");
        (await ReadAsync(c => c.ExecuteScalarAsync<object>("select award_to from ctax_award"))).ShouldNotBeNull();
        (await ReadAsync(c => c.ExecuteScalarAsync<LocalDate>("select award_to from ctax_award"))).ShouldBe(new LocalDate(2025, 9, 30));
    }

    [Fact]
    public async Task When_an_empty_home_is_sold_the_seller_is_billed_to_the_last_day_and_the_buyer_from_the_next()
    {
        // s6(2)(f): with nobody resident the owner is liable; the seller up to completion, the buyer after it.
        await SetUpAsync();
        var seller = await PersonAsync("Sam");
        var buyer = await PersonAsync("Bea");
        await RecordLiabilityFacts.OwnerFromAsync(Db, Council, Uprn, seller, new LocalDate(2015, 1, 1), "officer", Now);

        Clock.SetTo(Instant.FromUtc(2025, 7, 10, 9, 0));
        (await RecordLiabilityFacts.OwnerUntilAsync(Db, Council, Uprn, seller, new LocalDate(2025, 6, 30), "officer", Now))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>();
        var bought = await RecordLiabilityFacts.OwnerFromAsync(Db, Council, Uprn, buyer, new LocalDate(2025, 7, 1), "officer", Now);

        bought.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        var bills = await ReadAsync(c => c.QueryAsync<(long Party, long Pence)>(
            "select p.party_id, b.net_pence from bill b join account_party p on p.council_id = b.council_id and p.account_id = b.account_id " +
            "where b.version = (select max(version) from bill x where x.council_id = b.council_id and x.account_id = b.account_id and x.financial_year = b.financial_year)"));
        bills.Select(b => b.Party).Order().ShouldBe(new[] { seller, buyer }.Order());
        (await RecordLiabilityFacts.OwnerUntilAsync(Db, Council, Uprn, seller, new LocalDate(2025, 8, 1), "officer", Now))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("partyId");
    }

    [Fact]
    public async Task A_charge_setting_is_checked_whole_and_fixed_once_the_year_is_billed()
    {
        await SetUpAsync();
        var year = new FinancialYear(2026);
        Precept Own(long pence) => new("Wealdmoor District Council", "billing-authority", Money.FromPence(pence), null);

        (await SetCharges.SetAsync(Db, Council, "OAK", "Oakley", year, [Own(20_000), new Precept("Oakley Parish", "parish", Money.FromPence(-1), null)]))
            .ShouldBeOfType<Outcome<Money>.Invalid>().Field.ShouldBe("precepts[1].bandD");
        (await SetCharges.SetAsync(Db, Council, "OAK", "Oakley", year, [Own(20_000), Own(30_000)]))
            .ShouldBeOfType<Outcome<Money>.Invalid>().Field.ShouldBe("precepts[1].preceptor");
        (await SetCharges.SetAsync(Db, Council, "OAK", "Oakley", year, [new Precept("Police", "police", Money.FromPence(30_000), null)]))
            .ShouldBeOfType<Outcome<Money>.Invalid>().Field.ShouldBe("precepts");
        (await SetCharges.SetAsync(Db, Council, "OAK", "Oakley", year, [Own(20_000), new Precept("Oakley Parish", "parish", Money.FromPence(5_000), null)]))
            .ShouldBeOfType<Outcome<Money>.Done>().Value.ShouldBe(Money.FromPence(25_000));
        (await SetCharges.AreasAsync(Db, Council, year)).ShouldContain(("OAK", "Oakley", Money.FromPence(25_000)));

        var ada = await PersonAsync("Ada");
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, ada, new LocalDate(2020, 1, 1), Interest.Tenant, null, "officer", Now);
        (await SetCharges.SetAsync(Db, Council, "WLD", "Wealdmoor", new FinancialYear(2025), [Own(190_000)]))
            .ShouldBeOfType<Outcome<Money>.Conflict>().Message.ShouldContain("have been issued");
    }
}

public sealed class EndingFactsOnSqlite() : EndingFactsTests(new SqliteEngine());

public sealed class EndingFactsOnPostgres() : EndingFactsTests(new PostgresEngine());
