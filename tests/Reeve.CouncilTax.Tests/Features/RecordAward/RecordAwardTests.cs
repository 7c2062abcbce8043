using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class RecordAwardTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task An_exemption_that_does_not_fit_the_dwelling_is_refused_and_changes_nothing()
    {
        // SI 1992/558 art 3: Class F is for an unoccupied dwelling.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync('D', 2024, 2025);
        var sam = await PersonAsync("Sam", "Hart", new LocalDate(2020, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now));
        var before = await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry"));

        var outcome = await Db.InTransactionAsync((c, tx) => RecordAward.RecordAsync(c, tx, Council, Uprn,
            new RecordAward.Award("exemption", null, "F", null, null, new LocalDate(2025, 5, 1), null, "Death certificate seen", null), "officer", Now));

        outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("exemptions[0].class");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ctax_award"))).ShouldBe(0);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry"))).ShouldBe(before);
    }

    [Fact]
    public async Task A_manual_council_tax_reduction_award_is_recorded_with_its_evidence_and_rebills()
    {
        // s13A(1)(c): a discretionary reduction of £300 a year for the whole year.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync('D', 2024, 2025);
        var sam = await PersonAsync("Sam", "Hart", new LocalDate(2020, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now));

        var outcome = await Db.InTransactionAsync((c, tx) => RecordAward.RecordAsync(c, tx, Council, Uprn,
            new RecordAward.Award("reduction", sam, null, 0, null, new LocalDate(2025, 4, 1), null, "Hardship application 2025/031 approved", new LocalDate(2026, 3, 1), Money.FromPounds(300)), "officer", Now));

        outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem().Net.ShouldBe(Money.FromPence(136_875 - 30_000));
    }

    [Fact]
    public async Task An_empty_home_put_in_class_C_is_rebilled_at_the_councils_local_discount()
    {
        // LGFA 1992 s11A: with the council's class C discount at 0%, the owner of an empty home pays in full.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync('D', 2024, 2025);
        var owner = await PersonAsync("Sam", "Landlord", new LocalDate(2020, 1, 1));
        await InTransactionAsync((c, tx) => LocalDiscounts.SetAsync(c, tx, Council, new FinancialYear(2025), "C", 0));
        var before = await Db.InTransactionAsync((c, tx) => RecordOwner.RecordAsync(c, tx, Council, Uprn, owner, new LocalDate(2025, 4, 1), "officer", Now));
        before.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem().Net.ShouldBe(Money.FromPence(91_250));

        var outcome = await Db.InTransactionAsync((c, tx) => RecordAward.RecordAsync(c, tx, Council, Uprn,
            new RecordAward.Award("local-discount", null, "C", null, null, new LocalDate(2025, 4, 1), null, "Inspection: empty and unfurnished", new LocalDate(2025, 10, 1)), "officer", Now));

        outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem().Net.ShouldBe(Money.FromPence(182_500));
    }

    [Fact]
    public async Task A_disregarded_student_brings_a_single_person_discount_from_the_day_it_starts()
    {
        // LGFA 1992 s11(5), Sch 1 para 4: a student is disregarded; one adult counted gives 25%.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync('D', 2024, 2025);
        var sam = await PersonAsync("Sam", "Hart", new LocalDate(2020, 1, 1));
        var kid = await PersonAsync("Sam", "Hart-Junior", new LocalDate(2020, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, kid, new LocalDate(2025, 4, 1), Interest.OtherResident, null, "officer", Now));

        var outcome = await Db.InTransactionAsync((c, tx) => RecordAward.RecordAsync(c, tx, Council, Uprn,
            new RecordAward.Award("disregard", kid, "student", null, null, new LocalDate(2025, 4, 1), null, "Student certificate, University of Wealdmoor", new LocalDate(2026, 9, 1)), "officer", Now));

        outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem().Net.ShouldBe(Money.FromPence(136_875));
    }
}

public sealed class RecordAwardOnSqlite() : RecordAwardTests(new SqliteEngine());

public sealed class RecordAwardOnPostgres() : RecordAwardTests(new PostgresEngine());
