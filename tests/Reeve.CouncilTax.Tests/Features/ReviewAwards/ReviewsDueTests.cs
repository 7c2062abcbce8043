using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.TestKit;
using Reeve.Work;

namespace Reeve.CouncilTax.Tests.Features;

public sealed class ReviewsDueOnSqlite() : ReviewsDueTests(new SqliteEngine());

public sealed class ReviewsDueOnPostgres() : ReviewsDueTests(new PostgresEngine());

/// <summary>
/// An award whose review date has come is on the Council Tax team's queue until it is reviewed: ending it answers the
/// review, and one that reaches its own end comes off at the next daily check.
/// </summary>
public abstract class ReviewsDueTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    private static readonly LocalDate ReviewOn = new(2025, 6, 1);

    private async Task<long> StudentDisregardAsync(LocalDate? to = null)
    {
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await DwellingAsync('D', 2025);
        var ada = await PersonAsync("Ada", "Okafor", new LocalDate(1990, 1, 1));
        var ben = await PersonAsync("Ben", "Okafor", new LocalDate(1990, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, ada, new LocalDate(2020, 1, 1), Interest.Tenant, null, "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, ben, new LocalDate(2020, 1, 1), Interest.OtherResident, null, "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordAward.RecordAsync(c, tx, Council, Uprn,
            new RecordAward.Award("disregard", ben, "student", null, null, new LocalDate(2024, 9, 1), to, "Student certificate", ReviewOn), "officer", Now));
        return await ReadAsync(c => c.ExecuteScalarAsync<long>("select award_id from ctax_award"));
    }

    private Task<string?> CheckOnAsync(LocalDate today) =>
        ReadAsync(c => new ReviewsDue().RunAsync(c, new DutyDay(Council, today, Now, "scheduler"), CancellationToken.None));

    private Task<WorkItem?> ItemAsync(long awardId) => QueuedAsync(ReviewsDue.Source, ReviewsDue.Key(awardId));

    [Fact]
    public async Task An_award_whose_review_date_has_come_goes_on_the_council_tax_queue_once()
    {
        var award = await StudentDisregardAsync();

        (await CheckOnAsync(ReviewOn.PlusDays(-1))).ShouldBeNull();
        (await ItemAsync(award)).ShouldBeNull();

        (await CheckOnAsync(ReviewOn.PlusDays(1))).ShouldBe("1 award due for review on the queue");
        (await CheckOnAsync(ReviewOn.PlusDays(1))).ShouldBe("1 award due for review on the queue");

        var item = (await ItemAsync(award)).ShouldNotBeNull();
        (item.State, item.Team, item.Kind, item.Clock).ShouldBe((WorkState.Open, WorkTeams.CouncilTax, "Review due", WorkClock.WorkingDays));
        item.Title.ShouldBe("Review the disregard (student) at 1 Mill Lane: review date 1 June 2025");
        // Ten working days after Sunday 1 June 2025.
        item.Deadline.ShouldBe(new LocalDate(2025, 6, 13));
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from work_item"))).ShouldBe(1);
    }

    [Fact]
    public async Task Ending_the_award_answers_the_review_and_the_next_check_does_not_raise_it_again()
    {
        var award = await StudentDisregardAsync();
        await CheckOnAsync(ReviewOn.PlusDays(1));

        Clock.SetTo(Instant.FromUtc(2025, 6, 3, 9, 0));
        (await Db.InTransactionAsync((c, tx) => EndAward.RecordAsync(c, tx, Council, Uprn, award, new LocalDate(2025, 6, 30), "Course finished", "officer", Now)))
            .ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>();

        (await ItemAsync(award))!.State.ShouldBe(WorkState.Closed);
        (await CheckOnAsync(new LocalDate(2025, 6, 4))).ShouldBeNull();
        (await ItemAsync(award))!.State.ShouldBe(WorkState.Closed);
    }

    [Fact]
    public async Task An_award_that_reaches_its_own_end_comes_off_the_queue_at_the_next_check()
    {
        var award = await StudentDisregardAsync(to: new LocalDate(2025, 6, 30));
        await CheckOnAsync(ReviewOn.PlusDays(1));
        (await ItemAsync(award))!.State.ShouldBe(WorkState.Open);

        (await CheckOnAsync(new LocalDate(2025, 7, 1))).ShouldBe("1 review no longer due taken off");

        (await ItemAsync(award))!.State.ShouldBe(WorkState.Closed);
    }

    [Fact]
    public async Task The_backfill_brings_in_awards_already_due_for_review()
    {
        var award = await StudentDisregardAsync();

        var waiting = await InTransactionAsync((c, tx) => new ReviewsDue.Backfill().WaitingAsync(c, tx, Council, ReviewOn));

        waiting.ShouldHaveSingleItem().Key.ShouldBe(ReviewsDue.Key(award));
    }
}
