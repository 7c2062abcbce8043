using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class BreathingSpaceOnSqlite() : BreathingSpaceTests(new SqliteEngine());

public sealed class BreathingSpaceOnPostgres() : BreathingSpaceTests(new PostgresEngine());

public abstract class BreathingSpaceTests(IDatabaseEngine engine) : CaseworkTest(engine)
{
    private static readonly LocalDate AdaBorn = new(1980, 12, 10);

    private async Task<long> AdaAsync()
    {
        var request = Person("Ada", "Lovelace") with { DateOfBirth = AdaBorn };
        return (await RecordAsync(request)).ShouldBeOfType<Outcome<long>.Done>().Value;
    }

    private Task<Outcome<BreathingSpace>> NotifyAsync(BreathingSpaceNotice notice) =>
        InTransactionAsync((c, tx) => BreathingSpaces.RecordAsync(c, tx, Council, notice, "test-officer", Now));

    private static BreathingSpaceNotice Standard(string reference, string name = "Ada Lovelace", LocalDate? born = null, long? partyId = null) =>
        new(MoratoriumKind.Standard, reference, new LocalDate(2026, 5, 2), "Insolvency Service email", name, born ?? AdaBorn, "EM1 1AA", partyId);

    [Fact]
    public async Task A_standard_breathing_space_holds_every_account_of_the_person_from_its_start_to_day_60()
    {
        // SI 2020/1311: a standard moratorium lasts 60 days from its start.
        var ada = await AdaAsync();
        var sole = await LiableAccountAsync(ada);
        var joint = await LiableAccountAsync(ada, role: "joint");

        var space = (await NotifyAsync(Standard("BS-1"))).ShouldBeOfType<Outcome<BreathingSpace>.Done>().Value;

        space.PartyId.ShouldBe(ada);
        space.EndDate.ShouldBe(new LocalDate(2026, 6, 30));
        foreach (var account in new[] { sole, joint })
        {
            var hold = (await HoldsAsync(account)).ShouldHaveSingleItem();
            hold.Reason.ShouldBe(HoldReason.BreathingSpace);
            hold.From.ShouldBe(new LocalDate(2026, 5, 2));
            hold.To.ShouldBe(new LocalDate(2026, 6, 30));
            hold.Note.ShouldContain("SI 2020/1311");
        }
    }

    [Fact]
    public async Task The_same_notification_twice_is_recorded_once()
    {
        var ada = await AdaAsync();
        var account = await LiableAccountAsync(ada);

        await NotifyAsync(Standard("BS-1"));
        await NotifyAsync(Standard("BS-1"));

        (await ScalarAsync("select count(*) from breathing_space")).ShouldBe(1);
        (await HoldsAsync(account)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_notification_for_someone_unknown_waits_in_the_matching_queue_until_an_officer_matches_it()
    {
        var ada = await AdaAsync();
        var account = await LiableAccountAsync(ada);

        var queued = (await NotifyAsync(Standard("BS-2", name: "Ada Byron"))).ShouldBeOfType<Outcome<BreathingSpace>.Done>().Value;

        queued.Status.ShouldBe("unmatched");
        (await ReadAsync(c => BreathingSpaces.UnmatchedAsync(c, Council))).ShouldHaveSingleItem().Reference.ShouldBe("BS-2");
        (await HoldsAsync(account)).ShouldBeEmpty();

        await InTransactionAsync((c, tx) => BreathingSpaces.MatchToPersonAsync(c, tx, Council, queued.MoratoriumId, ada, "test-officer", Now));

        (await ReadAsync(c => BreathingSpaces.UnmatchedAsync(c, Council))).ShouldBeEmpty();
        (await HoldsAsync(account)).ShouldHaveSingleItem().From.ShouldBe(new LocalDate(2026, 5, 2));
    }

    [Fact]
    public async Task Cancelling_a_breathing_space_ends_its_holds_so_recovery_resumes_the_next_day()
    {
        var ada = await AdaAsync();
        var account = await LiableAccountAsync(ada);
        var space = (await NotifyAsync(Standard("BS-3"))).ShouldBeOfType<Outcome<BreathingSpace>.Done>().Value;

        await InTransactionAsync((c, tx) => BreathingSpaces.EndAsync(c, tx, Council, space.MoratoriumId, new LocalDate(2026, 5, 20), true, null, "test-officer", Now));

        (await HoldsAsync(account)).ShouldHaveSingleItem().To.ShouldBe(new LocalDate(2026, 5, 20));
        (await ReadAsync(c => BreathingSpaces.GetAsync(c, Council, space.MoratoriumId)))!.Status.ShouldBe("cancelled");
    }

    [Fact]
    public async Task A_mental_health_crisis_breathing_space_is_held_until_30_days_after_the_treatment_ends()
    {
        var ada = await AdaAsync();
        var account = await LiableAccountAsync(ada);
        var space = (await NotifyAsync(Standard("MH-1") with { Kind = MoratoriumKind.MentalHealthCrisis }))
            .ShouldBeOfType<Outcome<BreathingSpace>.Done>().Value;
        var hold = (await HoldsAsync(account)).ShouldHaveSingleItem();
        hold.Reason.ShouldBe(HoldReason.MentalHealthCrisis);
        hold.To.ShouldBeNull();

        var noTreatmentEnd = await InTransactionAsync((c, tx) => BreathingSpaces.EndAsync(c, tx, Council, space.MoratoriumId, Today, false, null, "test-officer", Now));
        noTreatmentEnd.ShouldBeOfType<Outcome<BreathingSpace>.Invalid>().Field.ShouldBe("treatmentEndedOn");
        await InTransactionAsync((c, tx) => BreathingSpaces.EndAsync(c, tx, Council, space.MoratoriumId, Today, false, new LocalDate(2026, 7, 1), "test-officer", Now));

        (await HoldsAsync(account)).ShouldHaveSingleItem().To.ShouldBe(new LocalDate(2026, 7, 31));
    }

    [Fact]
    public async Task A_vulnerability_flag_with_a_hold_holds_every_account_and_needs_consent()
    {
        var ada = await AdaAsync();
        var account = await LiableAccountAsync(ada);
        var request = new VulnerabilityRequest(ada, "life-events", "Recent bereavement", false, Today, Today.PlusMonths(3), "Officer", true, true);

        (await InTransactionAsync((c, tx) => Vulnerabilities.RecordAsync(c, tx, Council, request, Today, "test-officer", Now)))
            .ShouldBeOfType<Outcome<VulnerabilityFlag>.Invalid>().Field.ShouldBe("consent");
        (await HoldsAsync(account)).ShouldBeEmpty();

        await InTransactionAsync((c, tx) => Vulnerabilities.RecordAsync(c, tx, Council, request with { ConsentGiven = true }, Today, "test-officer", Now));

        (await HoldsAsync(account)).ShouldHaveSingleItem().Reason.ShouldBe(HoldReason.Vulnerable);
        (await ReadAsync(c => Vulnerabilities.StopsEnforcementAsync(c, Council, account.AccountId))).ShouldBeTrue();
    }
}
