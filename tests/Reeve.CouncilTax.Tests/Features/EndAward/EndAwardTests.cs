using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class EndAwardTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task Ending_a_student_disregard_mid_year_ends_the_single_person_discount_from_the_next_day()
    {
        // LGFA 1992 Sch 1 para 4: a student is disregarded, so one adult counts and s11(1) gives 25% off; once the
        // course ends both count. Band D £1,825: 153 days at £1,368.75 (£573.75) then 212 days at £1,825 (£1,060).
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await DwellingAsync('D', 2025);
        var ada = await PersonAsync("Ada", "Okafor", new LocalDate(1990, 1, 1));
        var ben = await PersonAsync("Ben", "Okafor", new LocalDate(1990, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, ada, new LocalDate(2020, 1, 1), Interest.Tenant, null, "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, ben, new LocalDate(2020, 1, 1), Interest.OtherResident, null, "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordAward.RecordAsync(c, tx, Council, Uprn,
            new RecordAward.Award("disregard", ben, "student", null, null, new LocalDate(2024, 9, 1), null, "Student certificate", null), "officer", Now));

        Clock.SetTo(Instant.FromUtc(2025, 9, 15, 9, 0));
        var award = await AwardIdAsync();
        var outcome = await Db.InTransactionAsync((c, tx) => EndAward.RecordAsync(c, tx, Council, Uprn, award, new LocalDate(2025, 8, 31), "Course finished", "officer", Now));

        var bill = outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        bill.Net.ShouldBe(Money.FromPence(163_375), bill.Working);
        (await ReadAsync(c => c.ExecuteScalarAsync<string>("select evidence from ctax_award")))!.ShouldContain("Course finished");
    }

    [Fact]
    public async Task An_award_cannot_be_ended_before_it_starts_or_extended_by_ending_it_later()
    {
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await DwellingAsync('D', 2025);
        var ada = await PersonAsync("Ada", "Okafor", new LocalDate(1990, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, ada, new LocalDate(2020, 1, 1), Interest.Tenant, null, "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordAward.RecordAsync(c, tx, Council, Uprn,
            new RecordAward.Award("reduction", ada, null, 50, null, new LocalDate(2025, 6, 1), new LocalDate(2025, 9, 30), "CTR assessment", null), "officer", Now));
        var award = await AwardIdAsync();

        (await Db.InTransactionAsync((c, tx) => EndAward.RecordAsync(c, tx, Council, Uprn, award, new LocalDate(2025, 5, 31), "Wrong", "officer", Now)))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("to");
        (await Db.InTransactionAsync((c, tx) => EndAward.RecordAsync(c, tx, Council, Uprn, award, new LocalDate(2025, 12, 31), "Longer", "officer", Now)))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Message.ShouldContain("already ends");
        (await Db.InTransactionAsync((c, tx) => EndAward.RecordAsync(c, tx, Council, Uprn, award + 99, new LocalDate(2025, 7, 31), "Other", "officer", Now)))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("awardId");
        (await Db.InTransactionAsync((c, tx) => EndAward.RecordAsync(c, tx, Council, Uprn, award, new LocalDate(2025, 7, 31), " ", "officer", Now)))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("reason");
        (await ReadAsync(c => c.ExecuteScalarAsync<object>("select award_to from ctax_award"))).ShouldNotBeNull();
        (await ReadAsync(c => c.ExecuteScalarAsync<LocalDate>("select award_to from ctax_award"))).ShouldBe(new LocalDate(2025, 9, 30));
    }
}

public sealed class EndAwardOnSqlite() : EndAwardTests(new SqliteEngine());

public sealed class EndAwardOnPostgres() : EndAwardTests(new PostgresEngine());
