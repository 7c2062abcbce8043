using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountHoldsOnSqlite() : AccountHoldTests(new SqliteEngine());

public sealed class AccountHoldsOnPostgres() : AccountHoldTests(new PostgresEngine());

public abstract class AccountHoldTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private static readonly LocalDate May1 = new(2025, 5, 1);

    [Fact]
    public async Task A_hold_is_in_force_from_its_first_day_to_its_last()
    {
        var account = await OpenAccountAsync();

        await PlaceAsync(new PlaceHold(account.AccountId, HoldReason.Dispute, May1, May1.PlusDays(29), "Disputes the move-in date", "officer1"));

        (await InForceAsync(May1.PlusDays(-1))).ShouldBeEmpty();
        (await InForceAsync(May1)).Single().Reason.ShouldBe(HoldReason.Dispute);
        (await InForceAsync(May1.PlusDays(29))).ShouldHaveSingleItem();
        (await InForceAsync(May1.PlusDays(30))).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_open_ended_hold_stays_in_force_until_an_officer_ends_it()
    {
        var account = await OpenAccountAsync();
        var hold = Done(await PlaceAsync(new PlaceHold(account.AccountId, HoldReason.BreathingSpace, May1, null, "Standard moratorium", "officer1")));
        (await InForceAsync(May1.PlusYears(3))).ShouldHaveSingleItem();

        var ended = await InTransactionAsync((c, tx) => AccountHolds.EndAsync(c, tx, Council, hold.HoldId, May1.PlusDays(59), "officer2", Now));

        Done(ended).To.ShouldBe(May1.PlusDays(59));
        (await InForceAsync(May1.PlusDays(59))).ShouldHaveSingleItem();
        (await InForceAsync(May1.PlusDays(60))).ShouldBeEmpty();
        var read = (await ReadAsync(c => AccountHolds.ForAccountAsync(c, Council, account.AccountId))).Single();
        read.EndedBy.ShouldBe("officer2");
    }

    [Fact]
    public async Task Placing_a_hold_twice_for_the_same_source_keeps_one()
    {
        var account = await OpenAccountAsync();
        var request = new PlaceHold(account.AccountId, HoldReason.Arrangement, May1, null, "Arrangement 7 agreed", "officer1", "arrangement:7");

        var first = Done(await PlaceAsync(request));
        var second = Done(await PlaceAsync(request));

        second.HoldId.ShouldBe(first.HoldId);
        (await ReadAsync(c => AccountHolds.ForAccountAsync(c, Council, account.AccountId))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_hold_without_a_reason_given_or_ending_before_it_starts_is_refused()
    {
        var account = await OpenAccountAsync();

        (await PlaceAsync(new PlaceHold(account.AccountId, HoldReason.Officer, May1, null, " ", "officer1")))
            .ShouldBeOfType<Outcome<AccountHold>.Invalid>().Field.ShouldBe("note");
        (await PlaceAsync(new PlaceHold(account.AccountId, HoldReason.Officer, May1, May1.PlusDays(-1), "Checking", "officer1")))
            .ShouldBeOfType<Outcome<AccountHold>.Invalid>().Field.ShouldBe("to");
        (await PlaceAsync(new PlaceHold(999_999, HoldReason.Officer, May1, null, "Checking", "officer1")))
            .ShouldBeOfType<Outcome<AccountHold>.NotFound>();
        (await ReadAsync(c => AccountHolds.ForAccountAsync(c, Council, account.AccountId))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Placing_and_ending_a_hold_is_on_the_account_timeline()
    {
        var account = await OpenAccountAsync();
        var hold = Done(await PlaceAsync(new PlaceHold(account.AccountId, HoldReason.Appeal, May1, null, "Appeal to the Valuation Tribunal", "officer1")));
        await InTransactionAsync((c, tx) => AccountHolds.EndAsync(c, tx, Council, hold.HoldId, May1.PlusDays(10), "officer1", Now));

        var events = await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, account.AccountId));

        events.Select(e => e.Kind).ShouldBe(["hold-ended", "hold-placed"], ignoreOrder: true);
        events.Single(e => e.Kind == "hold-placed").Summary.ShouldContain("Appeal pending");
    }

    private Task<Outcome<AccountHold>> PlaceAsync(PlaceHold request) =>
        InTransactionAsync((c, tx) => AccountHolds.PlaceAsync(c, tx, Council, request, Now));

    private Task<IReadOnlyList<AccountHold>> InForceAsync(LocalDate day) =>
        ReadAsync(c => AccountHolds.InForceOnAsync(c, Council, day));

    private static AccountHold Done(Outcome<AccountHold> outcome) => outcome.ShouldBeOfType<Outcome<AccountHold>.Done>().Value;
}
