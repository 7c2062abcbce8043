using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class BreathingSpaceReviewOnSqlite() : BreathingSpaceReviewTests(new SqliteEngine());

public sealed class BreathingSpaceReviewOnPostgres() : BreathingSpaceReviewTests(new PostgresEngine());

/// <summary>SI 2020/1311 reg 27 (the midway review of a standard moratorium) and reg 17 (a creditor's request for review).</summary>
public abstract class BreathingSpaceReviewTests(IDatabaseEngine engine) : CaseworkTest(engine)
{
    // A standard Breathing Space from 2 May 2026: day 1 is 2 May, day 26 is 27 May, day 35 is 5 June, day 60 is 30 June.
    private static readonly LocalDate Start = new(2026, 5, 2);

    private async Task<(long Party, Account Account, BreathingSpace Space)> StartedAsync(MoratoriumKind kind = MoratoriumKind.Standard)
    {
        var party = (await RecordAsync(Person("Grace", "Hopper") with { DateOfBirth = new LocalDate(1976, 12, 9) })).ShouldBeOfType<Outcome<long>.Done>().Value;
        var account = await LiableAccountAsync(party);
        var space = (await InTransactionAsync((c, tx) => BreathingSpaces.RecordAsync(c, tx, Council,
                new BreathingSpaceNotice(kind, "BS-R1", Start, "Insolvency Service email", "Grace Hopper", null, null, party), "test-officer", Now)))
            .ShouldBeOfType<Outcome<BreathingSpace>.Done>().Value;
        return (party, account, space);
    }

    private Task<Outcome<BreathingSpaceReview>> MidwayAsync(long moratoriumId, LocalDate on, bool cancelled = false, string? reason = null) =>
        InTransactionAsync((c, tx) => BreathingSpaceReviews.RecordMidwayAsync(c, tx, Council, moratoriumId, on, cancelled, reason, "test-officer", Now));

    [Theory]
    [InlineData("2026-05-26", false)] // day 25: too early (reg 27(3))
    [InlineData("2026-05-27", true)]  // day 26: the first day allowed
    [InlineData("2026-06-05", true)]  // day 35: the last day allowed (reg 27(2))
    [InlineData("2026-06-06", false)] // day 36: too late
    public async Task A_midway_review_is_recorded_only_from_day_26_to_day_35(string on, bool allowed)
    {
        var (_, _, space) = await StartedAsync();

        var outcome = await MidwayAsync(space.MoratoriumId, DateText.Iso.Parse(on).Value);

        if (allowed)
        {
            outcome.ShouldBeOfType<Outcome<BreathingSpaceReview>.Done>().Value.Outcome.ShouldBe("continues");
        }
        else
        {
            outcome.ShouldBeOfType<Outcome<BreathingSpaceReview>.Invalid>().Message.ShouldContain("reg 27");
        }
    }

    [Fact]
    public async Task A_review_that_continues_keeps_the_holds_and_shows_on_the_persons_breathing_space()
    {
        var (party, account, space) = await StartedAsync();

        await MidwayAsync(space.MoratoriumId, new LocalDate(2026, 6, 1));

        var shown = (await ReadAsync(c => BreathingSpaces.ForPartyAsync(c, Council, party))).ShouldHaveSingleItem();
        shown.Reviews.ShouldHaveSingleItem().Describe().ShouldBe("Midway review on 2026-06-01: the Breathing Space continues");
        shown.MidwayReviewOverdueOn(new LocalDate(2026, 6, 10)).ShouldBeFalse();
        (await HoldsAsync(account)).ShouldHaveSingleItem().To.ShouldBe(new LocalDate(2026, 6, 30));
        (await EventsAsync(account)).ShouldContain(e => e.Kind == "breathing-space-review");
    }

    [Fact]
    public async Task A_review_that_cancels_ends_the_holds_on_the_review_day_and_needs_a_reason()
    {
        // reg 27(5): the adviser cancels, for example when the debtor has not kept to their obligations under reg 16.
        var (_, account, space) = await StartedAsync();

        var noReason = await MidwayAsync(space.MoratoriumId, new LocalDate(2026, 6, 1), cancelled: true);
        var cancelled = await MidwayAsync(space.MoratoriumId, new LocalDate(2026, 6, 1), cancelled: true, reason: "Debtor did not engage with the adviser");

        noReason.ShouldBeOfType<Outcome<BreathingSpaceReview>.Invalid>().Field.ShouldBe("reason");
        cancelled.ShouldBeOfType<Outcome<BreathingSpaceReview>.Done>().Value.Outcome.ShouldBe("cancelled");
        (await HoldsAsync(account)).ShouldHaveSingleItem().To.ShouldBe(new LocalDate(2026, 6, 1));
        (await ReadAsync(c => BreathingSpaces.GetAsync(c, Council, space.MoratoriumId))).ShouldNotBeNull().Status.ShouldBe("cancelled");
    }

    [Fact]
    public async Task A_second_midway_review_is_refused()
    {
        var (_, _, space) = await StartedAsync();
        await MidwayAsync(space.MoratoriumId, new LocalDate(2026, 6, 1));

        var again = await MidwayAsync(space.MoratoriumId, new LocalDate(2026, 6, 2), cancelled: true, reason: "changed mind");

        again.ShouldBeOfType<Outcome<BreathingSpaceReview>.Conflict>();
        (await ScalarAsync("select count(*) from breathing_space_review")).ShouldBe(1);
    }

    [Fact]
    public async Task A_mental_health_crisis_breathing_space_has_no_midway_review()
    {
        var (_, _, space) = await StartedAsync(MoratoriumKind.MentalHealthCrisis);

        (await MidwayAsync(space.MoratoriumId, new LocalDate(2026, 6, 1))).ShouldBeOfType<Outcome<BreathingSpaceReview>.Invalid>();
    }

    [Fact]
    public async Task Past_day_35_without_a_midway_review_the_breathing_space_is_in_the_work_queue()
    {
        var (party, _, space) = await StartedAsync();

        var onDay35 = await ReadAsync(c => BreathingSpaceReviews.MidwayOverdueAsync(c, Council, new LocalDate(2026, 6, 5)));
        var onDay36 = await ReadAsync(c => BreathingSpaceReviews.MidwayOverdueAsync(c, Council, new LocalDate(2026, 6, 6)));
        var afterItEnds = await ReadAsync(c => BreathingSpaceReviews.MidwayOverdueAsync(c, Council, new LocalDate(2026, 7, 1)));

        onDay35.ShouldBeEmpty();
        onDay36.ShouldHaveSingleItem().MoratoriumId.ShouldBe(space.MoratoriumId);
        afterItEnds.ShouldBeEmpty();
        (await ReadAsync(c => BreathingSpaces.ForPartyAsync(c, Council, party))).Single().MidwayReviewOverdueOn(new LocalDate(2026, 6, 6)).ShouldBeTrue();
    }

    [Fact]
    public async Task The_council_may_ask_for_a_review_within_20_days_on_a_ground_in_regulation_17()
    {
        // reg 17(3): a creditor's request must be made within the 20 days beginning with the start: by 21 May here.
        var (party, _, space) = await StartedAsync();

        var late = await InTransactionAsync((c, tx) => BreathingSpaceReviews.RecordCouncilRequestAsync(c, tx, Council, space.MoratoriumId,
            new LocalDate(2026, 5, 22), ReviewGround.SufficientFunds, "Savings declared on the I&E", "test-officer", Now));
        var inTime = await InTransactionAsync((c, tx) => BreathingSpaceReviews.RecordCouncilRequestAsync(c, tx, Council, space.MoratoriumId,
            new LocalDate(2026, 5, 21), ReviewGround.SufficientFunds, "Savings declared on the I&E", "test-officer", Now));

        late.ShouldBeOfType<Outcome<BreathingSpaceReview>.Invalid>().Message.ShouldContain("reg 17(3)");
        inTime.ShouldBeOfType<Outcome<BreathingSpaceReview>.Done>().Value.Describe().ShouldContain("reg 17(2)(c)");
        var shown = (await ReadAsync(c => BreathingSpaces.ForPartyAsync(c, Council, party))).Single();
        shown.Reviews.ShouldHaveSingleItem().Kind.ShouldBe("council-request");
        shown.MidwayReviewOverdueOn(new LocalDate(2026, 6, 6)).ShouldBeTrue();
    }
}
