using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class RecordChangeOfOccupierTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task A_couple_leaving_and_a_tenant_with_a_student_arriving_are_billed_once_and_the_couples_account_is_closed()
    {
        // LGFA 1992 s6, s9: the couple are jointly liable to their last day; the tenant is liable from the next, with a
        // single person discount as the student is disregarded (Sch 1 para 4).
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await DwellingAsync('D', 2025);
        var pat = await PersonAsync("Pat", "Reed", new LocalDate(1970, 1, 1));
        var sam = await PersonAsync("Sam", "Reed", new LocalDate(1972, 1, 1));
        var ivy = await PersonAsync("Ivy", "Hale", new LocalDate(1990, 1, 1));
        var kit = await PersonAsync("Kit", "Hale", new LocalDate(2005, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, pat, new LocalDate(2020, 1, 1), Interest.Freeholder, null, "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2020, 1, 1), Interest.OtherResident, pat, "officer", Now));
        var couples = (await AccountsAsync())[^1]; // the joint account, opened when Sam moved in as Pat's partner

        Clock.SetTo(Instant.FromUtc(2025, 10, 8, 9, 0));
        var outcome = await Db.InTransactionAsync((c, tx) => RecordChangeOfOccupier.RecordAsync(c, tx, Council, Uprn, [pat, sam], new LocalDate(2025, 9, 30),
            [new RecordChangeOfOccupier.Arrival(ivy, Interest.Tenant, null, null, null), new RecordChangeOfOccupier.Arrival(kit, Interest.OtherResident, null, "student", "Student certificate")],
            new LocalDate(2025, 10, 7), "officer", Now));

        var versions = outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions;
        versions.Count.ShouldBe(2);
        versions.Single(v => v.AccountId == couples).Net.ShouldBe(Money.FromPence(91_500)); // 183 days of £1,825
        versions.Single(v => v.AccountId != couples).Net.ShouldBe(Money.FromPence(68_250)); // 182 days of £1,368.75
        (await ReadAsync(c => AccountStore.GetAsync(c, Council, couples)))!.ClosedOn.ShouldBe(new LocalDate(2025, 9, 30));
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ctax_award where kind = 'disregard'"))).ShouldBe(1);
    }

    [Fact]
    public async Task Someone_leaving_who_does_not_live_there_is_refused()
    {
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await DwellingAsync('D', 2025);
        var pat = await PersonAsync("Pat", "Reed", new LocalDate(1970, 1, 1));

        var outcome = await Db.InTransactionAsync((c, tx) => RecordChangeOfOccupier.RecordAsync(c, tx, Council, Uprn, [pat], new LocalDate(2025, 9, 30), [],
            new LocalDate(2025, 10, 7), "officer", Now));

        outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("leaving");
    }
}

public sealed class RecordChangeOfOccupierOnSqlite() : RecordChangeOfOccupierTests(new SqliteEngine());

public sealed class RecordChangeOfOccupierOnPostgres() : RecordChangeOfOccupierTests(new PostgresEngine());
