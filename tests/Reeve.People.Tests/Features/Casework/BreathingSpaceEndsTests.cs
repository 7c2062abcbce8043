using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;
using Reeve.Work;

namespace Reeve.People.Tests;

public sealed class BreathingSpaceEndsOnSqlite() : BreathingSpaceEndsTests(new SqliteEngine());

public sealed class BreathingSpaceEndsOnPostgres() : BreathingSpaceEndsTests(new PostgresEngine());

/// <summary>
/// The daily duty ends a moratorium once its last day has passed (SI 2020/1311: day 60 of a standard one), says why and
/// notes on each account that recovery may resume; and puts one ending within five working days on the Recovery queue
/// until it ends.
/// </summary>
public abstract class BreathingSpaceEndsTests(IDatabaseEngine engine) : CaseworkTest(engine)
{
    // Starts 2 May 2026, so day 60 (the last day) is Tuesday 30 June 2026; five working days before is Tuesday 23 June.
    private static readonly LocalDate LastDay = new(2026, 6, 30);

    private async Task<(long Ada, Account Account, BreathingSpace Space)> AdaInBreathingSpaceAsync(MoratoriumKind kind = MoratoriumKind.Standard)
    {
        var ada = (await RecordAsync(Person("Ada", "Lovelace") with { DateOfBirth = new LocalDate(1980, 12, 10) })).ShouldBeOfType<Outcome<long>.Done>().Value;
        var account = await LiableAccountAsync(ada);
        var notice = new BreathingSpaceNotice(kind, "BS-9", new LocalDate(2026, 5, 2), "Insolvency Service email", "Ada Lovelace", new LocalDate(1980, 12, 10), "EM1 1AA");
        var space = (await InTransactionAsync((c, tx) => BreathingSpaces.RecordAsync(c, tx, Council, notice, "test-officer", Now)))
            .ShouldBeOfType<Outcome<BreathingSpace>.Done>().Value;
        return (ada, account, space);
    }

    private Task<string?> RunOnAsync(LocalDate today) =>
        ReadAsync(c => new BreathingSpaceEnds().RunAsync(c, new DutyDay(Council, today, Now, "scheduler"), CancellationToken.None));

    private Task<BreathingSpace?> SpaceAsync(long id) => ReadAsync(c => BreathingSpaces.GetAsync(c, Council, id));

    private Task<WorkItem?> ItemAsync(BreathingSpace space) => QueuedAsync(BreathingSpaceEnds.WorkSource, BreathingSpaceEnds.WorkKey(space.MoratoriumId));

    [Fact]
    public async Task A_standard_breathing_space_past_day_60_is_ended_with_why_and_each_account_says_recovery_may_resume()
    {
        var (_, account, space) = await AdaInBreathingSpaceAsync();

        (await RunOnAsync(LastDay)).ShouldBe("1 moratorium ending within 5 working days on the queue");
        (await SpaceAsync(space.MoratoriumId))!.Status.ShouldBe("active");

        (await RunOnAsync(LastDay.PlusDays(1))).ShouldBe("1 moratorium past its last day ended");

        var ended = (await SpaceAsync(space.MoratoriumId))!;
        (ended.Status, ended.EndDate).ShouldBe(("ended", LastDay));
        ended.EndReason.ShouldNotBeNull().ShouldContain("day 60 was 30 June 2026");
        (await HoldsAsync(account)).ShouldHaveSingleItem().To.ShouldBe(LastDay);
        var note = (await EventsAsync(account)).Where(e => e.Kind == "breathing-space-ended").ShouldHaveSingleItem();
        (note.EffectiveDate, note.Summary).ShouldBe((new LocalDate(2026, 7, 1), "Breathing Space BS-9 ended on 30 June 2026: recovery may resume from 1 July 2026"));
    }

    [Fact]
    public async Task Running_the_duty_again_the_same_day_ends_nothing_twice()
    {
        var (_, account, _) = await AdaInBreathingSpaceAsync();
        await RunOnAsync(LastDay.PlusDays(3));

        (await RunOnAsync(LastDay.PlusDays(3))).ShouldBeNull();

        (await EventsAsync(account)).Count(e => e.Kind == "breathing-space-ended").ShouldBe(1);
    }

    [Fact]
    public async Task A_moratorium_ending_within_five_working_days_is_on_the_recovery_queue_until_it_ends()
    {
        var (ada, _, space) = await AdaInBreathingSpaceAsync();

        await RunOnAsync(new LocalDate(2026, 6, 22));
        (await ItemAsync(space)).ShouldBeNull();

        await RunOnAsync(new LocalDate(2026, 6, 23));
        var item = (await ItemAsync(space)).ShouldNotBeNull();
        (item.State, item.Team, item.Deadline, item.PartyId, item.Kind).ShouldBe((WorkState.Open, WorkTeams.Recovery, LastDay, (long?)ada, "Breathing Space ending"));
        item.Title.ShouldContain("ends on 30 June 2026");

        await RunOnAsync(LastDay.PlusDays(1));
        (await ItemAsync(space))!.State.ShouldBe(WorkState.Closed);
    }

    [Fact]
    public async Task Cancelling_a_moratorium_closes_its_item_on_the_queue()
    {
        var (_, _, space) = await AdaInBreathingSpaceAsync();
        await RunOnAsync(new LocalDate(2026, 6, 24));

        await InTransactionAsync((c, tx) => BreathingSpaces.EndAsync(c, tx, Council, space.MoratoriumId, new LocalDate(2026, 6, 24), true, null, "test-officer", Now));

        (await ItemAsync(space))!.State.ShouldBe(WorkState.Closed);
    }

    [Fact]
    public async Task A_mental_health_crisis_moratorium_with_no_treatment_end_is_left_in_force()
    {
        var (_, account, space) = await AdaInBreathingSpaceAsync(MoratoriumKind.MentalHealthCrisis);

        (await RunOnAsync(new LocalDate(2027, 6, 1))).ShouldBeNull();

        (await SpaceAsync(space.MoratoriumId))!.Status.ShouldBe("active");
        (await HoldsAsync(account)).ShouldHaveSingleItem().To.ShouldBeNull();
    }

    [Fact]
    public async Task The_backfill_brings_in_a_moratorium_already_ending_soon()
    {
        var (_, _, space) = await AdaInBreathingSpaceAsync();

        var waiting = await InTransactionAsync((c, tx) => new BreathingSpaceEnds.Backfill().WaitingAsync(c, tx, Council, new LocalDate(2026, 6, 26)));

        waiting.ShouldHaveSingleItem().Key.ShouldBe(BreathingSpaceEnds.WorkKey(space.MoratoriumId));
    }
}
