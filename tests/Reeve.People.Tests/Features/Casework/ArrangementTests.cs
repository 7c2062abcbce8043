using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class ArrangementsOnSqlite() : ArrangementTests(new SqliteEngine());

public sealed class ArrangementsOnPostgres() : ArrangementTests(new PostgresEngine());

public abstract class ArrangementTests(IDatabaseEngine engine) : CaseworkTest(engine)
{
    /// <summary>Ada owes £600 (2024) and £300 (2025) on two accounts and has £200 a month spare.</summary>
    private async Task<(long Ada, Account Old, Account Current)> AdaWithArrearsAsync()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        var old = await LiableAccountAsync(ada, closedOn: new LocalDate(2025, 3, 31));
        var current = await LiableAccountAsync(ada);
        await PostAsync(old, EntryKind.Charge, "600.00", 2024);
        await PostAsync(current, EntryKind.Charge, "300.00", 2025);
        (await TakeAsync(ada, TwoHundredSpare())).ShouldBeOfType<Outcome<IncomeAndExpenditure>.Done>();
        return (ada, old, current);
    }

    [Fact]
    public async Task An_arrangement_needs_an_income_and_expenditure_first()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        var account = await LiableAccountAsync(ada);
        await PostAsync(account, EntryKind.Charge, "300.00", 2025);

        (await AgreeAsync(ada)).ShouldBeOfType<Outcome<Arrangement>.Invalid>().Field.ShouldBe("incomeAndExpenditure");
    }

    [Fact]
    public async Task An_agreed_arrangement_covers_every_balance_with_a_schedule_that_adds_up_and_holds_each_account()
    {
        var (ada, old, current) = await AdaWithArrearsAsync();

        var arrangement = (await AgreeAsync(ada)).ShouldBeOfType<Outcome<Arrangement>.Done>().Value;

        arrangement.Total.ShouldBe(MoneyText.Parse("900.00"));
        Money.Sum(arrangement.Instalments.Select(i => i.Amount)).ShouldBe(arrangement.Total);
        arrangement.Instalments.Select(i => i.Amount).ShouldBe(
            [MoneyText.Parse("200.00"), MoneyText.Parse("200.00"), MoneyText.Parse("200.00"), MoneyText.Parse("200.00"), MoneyText.Parse("100.00")]);
        // The current account has an ongoing liability, so it is offered its £300 first; the old one gets the other £100.
        arrangement.Accounts.Single(a => a.AccountId == current.AccountId).Monthly.ShouldBe(MoneyText.Parse("200.00"));
        foreach (var account in new[] { old, current })
        {
            var hold = (await HoldsAsync(account)).ShouldHaveSingleItem();
            hold.Reason.ShouldBe(HoldReason.Arrangement);
            hold.To.ShouldBeNull();
            hold.SourceKey.ShouldBe(Arrangements.HoldKey(arrangement.ArrangementId, account.AccountId));
        }
    }

    [Fact]
    public async Task An_arrangement_above_the_officer_limit_needs_a_team_leader()
    {
        var (ada, _, _) = await AdaWithArrearsAsync();
        await InTransactionAsync(async (c, tx) =>
        {
            await Arrangements.SetPolicyAsync(c, tx, Council, new LocalDate(2026, 4, 1), new ArrangementPolicy(3, Money.FromPounds(2000), 7));
            return 0;
        });

        (await AgreeAsync(ada)).ShouldBeOfType<Outcome<Arrangement>.Invalid>().Field.ShouldBe("approval");
        (await AgreeAsync(ada, approver: TeamLeader)).ShouldBeOfType<Outcome<Arrangement>.Done>().Value.ApprovedBy.ShouldBe("leader-one");
    }

    [Fact]
    public async Task Renegotiation_makes_a_new_version_and_ends_the_old_holds_keeping_both()
    {
        var (ada, old, _) = await AdaWithArrearsAsync();
        var first = (await AgreeAsync(ada)).ShouldBeOfType<Outcome<Arrangement>.Done>().Value;

        var second = (await AgreeAsync(ada, Frequency.Weekly, today: Today.PlusDays(10), first: Today.PlusDays(14)))
            .ShouldBeOfType<Outcome<Arrangement>.Done>().Value;

        second.Version.ShouldBe(2);
        second.SupersedesId.ShouldBe(first.ArrangementId);
        var history = await ReadAsync(c => Arrangements.ForPartyAsync(c, Council, ada));
        history.Select(a => a.Status).ShouldBe(["kept", "superseded"]);
        var holds = await HoldsAsync(old);
        holds.Single(h => h.SourceKey == Arrangements.HoldKey(first.ArrangementId, old.AccountId)).To.ShouldBe(Today.PlusDays(9));
        holds.Single(h => h.SourceKey == Arrangements.HoldKey(second.ArrangementId, old.AccountId)).To.ShouldBeNull();
    }

    [Fact]
    public async Task A_payment_made_on_time_keeps_the_arrangement()
    {
        var (ada, _, current) = await AdaWithArrearsAsync();
        (await AgreeAsync(ada)).ShouldBeOfType<Outcome<Arrangement>.Done>();
        await PostAsync(current, EntryKind.Payment, "200.00", 2025, new LocalDate(2026, 5, 14));

        var result = await MonitorAsync(new LocalDate(2026, 5, 20));

        result.ShouldBe(new MonitorResult(1, 0, 0, 0));
    }

    [Fact]
    public async Task A_missed_payment_records_a_letter_due_and_a_grace_period_once_and_a_second_miss_breaks_the_arrangement()
    {
        var (ada, old, current) = await AdaWithArrearsAsync();
        var arrangement = (await AgreeAsync(ada)).ShouldBeOfType<Outcome<Arrangement>.Done>().Value;

        (await MonitorAsync(new LocalDate(2026, 5, 16))).Missed.ShouldBe(1);
        (await MonitorAsync(new LocalDate(2026, 5, 16))).Missed.ShouldBe(0);
        var letters = (await EventsAsync(current)).Where(e => e.Kind == "letter-due").ToList();
        letters.ShouldHaveSingleItem().Summary.ShouldContain("(arrangement)");
        letters[0].Summary.ShouldContain("2026-05-22");
        (await HoldsAsync(current)).ShouldHaveSingleItem().To.ShouldBeNull();

        (await MonitorAsync(new LocalDate(2026, 6, 16))).Broken.ShouldBe(1);

        (await ReadAsync(c => Arrangements.GetAsync(c, Council, arrangement.ArrangementId)))!.Status.ShouldBe("broken");
        foreach (var account in new[] { old, current })
        {
            (await HoldsAsync(account)).ShouldHaveSingleItem().To.ShouldBe(new LocalDate(2026, 6, 15));
        }
    }

    [Fact]
    public async Task A_missed_payment_not_made_up_within_the_grace_period_breaks_the_arrangement()
    {
        var (ada, _, _) = await AdaWithArrearsAsync();
        (await AgreeAsync(ada)).ShouldBeOfType<Outcome<Arrangement>.Done>();

        (await MonitorAsync(new LocalDate(2026, 5, 16))).Missed.ShouldBe(1);
        (await MonitorAsync(new LocalDate(2026, 5, 22))).Broken.ShouldBe(0);
        (await MonitorAsync(new LocalDate(2026, 5, 23))).Broken.ShouldBe(1);
    }

    [Fact]
    public async Task A_missed_payment_made_up_within_the_grace_period_keeps_the_arrangement()
    {
        var (ada, _, current) = await AdaWithArrearsAsync();
        (await AgreeAsync(ada)).ShouldBeOfType<Outcome<Arrangement>.Done>();
        (await MonitorAsync(new LocalDate(2026, 5, 16))).Missed.ShouldBe(1);
        await PostAsync(current, EntryKind.Payment, "200.00", 2025, new LocalDate(2026, 5, 20));

        (await MonitorAsync(new LocalDate(2026, 5, 23))).ShouldBe(new MonitorResult(1, 0, 0, 0));
    }

    private async Task<(long Ada, Account Old, Account Current, Arrangement Broken)> BrokenArrangementAsync()
    {
        var (ada, old, current) = await AdaWithArrearsAsync();
        var arrangement = (await AgreeAsync(ada)).ShouldBeOfType<Outcome<Arrangement>.Done>().Value;
        (await MonitorAsync(new LocalDate(2026, 5, 16))).Missed.ShouldBe(1);
        (await MonitorAsync(new LocalDate(2026, 5, 23))).Broken.ShouldBe(1);
        return (ada, old, current, arrangement);
    }

    private Task<Reeve.Work.WorkItem?> BrokenItemAsync(Arrangement a) => QueuedAsync(BrokenArrangementWork.Source, BrokenArrangementWork.Key(a.ArrangementId));

    private Task<string?> SettledCheckAsync() =>
        ReadAsync(c => new BrokenArrangementWork().RunAsync(c, new DutyDay(Council, new LocalDate(2026, 6, 1), Now, "scheduler"), CancellationToken.None));

    [Fact]
    public async Task A_broken_arrangement_goes_on_the_recovery_queue_and_a_new_arrangement_takes_it_off()
    {
        var (ada, _, _, broken) = await BrokenArrangementAsync();

        var item = (await BrokenItemAsync(broken)).ShouldNotBeNull();
        (item.State, item.Team, item.PartyId, item.Kind, item.Clock).ShouldBe((Reeve.Work.WorkState.Open, Reeve.Work.WorkTeams.Recovery, (long?)ada, "Broken arrangement", Reeve.Work.WorkClock.WorkingDays));
        // Saturday 23 May 2026; ten working days on, past the Spring bank holiday (25 May), is Monday 8 June.
        item.Deadline.ShouldBe(new LocalDate(2026, 6, 8));
        (await SettledCheckAsync()).ShouldBeNull();
        (await BrokenItemAsync(broken))!.State.ShouldBe(Reeve.Work.WorkState.Open);

        (await AgreeAsync(ada, first: new LocalDate(2026, 6, 15), today: new LocalDate(2026, 5, 26))).ShouldBeOfType<Outcome<Arrangement>.Done>();

        (await BrokenItemAsync(broken))!.State.ShouldBe(Reeve.Work.WorkState.Closed);
    }

    [Fact]
    public async Task A_broken_arrangement_is_taken_off_the_queue_once_its_accounts_are_settled()
    {
        var (_, old, current, broken) = await BrokenArrangementAsync();
        await PostAsync(old, EntryKind.Payment, "600.00", 2024, new LocalDate(2026, 5, 28));

        (await SettledCheckAsync()).ShouldBeNull();
        (await BrokenItemAsync(broken))!.State.ShouldBe(Reeve.Work.WorkState.Open);

        await PostAsync(current, EntryKind.Payment, "300.00", 2025, new LocalDate(2026, 5, 28));

        (await SettledCheckAsync()).ShouldBe("1 broken arrangement settled and taken off the queue");
        (await BrokenItemAsync(broken))!.State.ShouldBe(Reeve.Work.WorkState.Closed);
    }
}
