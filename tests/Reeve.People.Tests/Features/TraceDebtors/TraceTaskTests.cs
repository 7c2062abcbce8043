using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class TraceTasksOnSqlite() : TraceTaskTests(new SqliteEngine());

public sealed class TraceTasksOnPostgres() : TraceTaskTests(new PostgresEngine());

public abstract class TraceTaskTests(IDatabaseEngine engine) : CaseworkTest(engine)
{
    private Task<TraceTask> GoneAwayAsync(long partyId, LocalDate? on = null) =>
        InTransactionAsync((c, tx) => TraceTasks.OpenForGoneAwayAsync(c, tx, Council, partyId, on ?? Today, "officer-one"));

    private Task<Outcome<TraceTask>> OpenAsync(long partyId, string reason = "Neighbour says they moved", LocalDate? due = null, string officer = "officer-two") =>
        InTransactionAsync((c, tx) => TraceTasks.OpenAsync(c, tx, Council, new OpenTrace(partyId, reason, due ?? Today.PlusDays(14), officer), Today, "officer-one"));

    private Task<Outcome<TraceTask>> TryAsync(long taskId, string source, string result = "no-trace", LocalDate? on = null, string note = "Not on the register") =>
        InTransactionAsync((c, tx) => TraceTasks.RecordAttemptAsync(c, tx, Council, taskId, source, on ?? Today, result, note, Today, "officer-one", Now));

    private Task<Outcome<TraceFound>> FoundAsync(long taskId, FoundAddress address, LocalDate? today = null) =>
        InTransactionAsync((c, tx) => TraceTasks.RecordFoundAsync(c, tx, Council, taskId, address, "Electoral register", today ?? Today, "officer-one", Now));

    private static FoundAddress NewHome => new("4 Quarry Close", null, null, "Eastmere", "em4 2qd");

    private Task AddAddressAsync(long partyId, LocalDate from) => InTransactionAsync(async (c, tx) =>
        await c.ExecuteAsync(
            "insert into party_address (council_id, party_id, address_seq, address_line1, town, postcode, valid_from) values (1, @partyId, 1, '9 Old Road', 'Wealdmoor', 'WD9 9OR', @from)",
            new { partyId, from = from }, tx));

    [Fact]
    public async Task Post_returned_twice_opens_one_trace_task_due_in_four_weeks()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");

        var first = await GoneAwayAsync(ada);
        var second = await GoneAwayAsync(ada, Today.PlusDays(3));

        second.TaskId.ShouldBe(first.TaskId);
        first.Origin.ShouldBe(TraceOrigin.ReturnedMail);
        first.DueOn.ShouldBe(Today.PlusDays(TraceTasks.GoneAwayDueDays));
        first.AssignedTo.ShouldBe("officer-one");
        (await CountAsync("trace_task")).ShouldBe(1);
    }

    [Fact]
    public async Task A_trace_waits_on_the_work_queue_for_its_officer_until_it_is_found()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        var task = await GoneAwayAsync(ada);
        var key = TraceWork.Key(task.TaskId);

        var waiting = (await QueuedAsync(TraceWork.Source, key)).ShouldNotBeNull();
        (waiting.State, waiting.Kind, waiting.PartyId, waiting.AssignedTo, waiting.Deadline, waiting.Clock)
            .ShouldBe((Reeve.Work.WorkState.Open, "Returned post", (long?)ada, "officer-one", Today.PlusDays(TraceTasks.GoneAwayDueDays), Reeve.Work.WorkClock.CalendarDays));

        (await FoundAsync(task.TaskId, NewHome)).ShouldBeOfType<Outcome<TraceFound>.Done>();

        (await QueuedAsync(TraceWork.Source, key))!.State.ShouldBe(Reeve.Work.WorkState.Closed);
    }

    [Fact]
    public async Task An_officer_opens_a_trace_with_a_reason_a_due_date_and_an_officer_but_not_a_second_open_one()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");

        (await OpenAsync(ada, reason: " ")).ShouldBeOfType<Outcome<TraceTask>.Invalid>().Field.ShouldBe("reason");
        (await OpenAsync(ada, due: Today.PlusDays(-1))).ShouldBeOfType<Outcome<TraceTask>.Invalid>().Field.ShouldBe("dueOn");
        (await OpenAsync(ada, officer: "")).ShouldBeOfType<Outcome<TraceTask>.Invalid>().Field.ShouldBe("assignedTo");
        (await OpenAsync(999_999)).ShouldBeOfType<Outcome<TraceTask>.NotFound>();
        var task = (await OpenAsync(ada)).ShouldBeOfType<Outcome<TraceTask>.Done>().Value;

        task.Origin.ShouldBe(TraceOrigin.Officer);
        task.Reason.ShouldBe("Neighbour says they moved");
        task.AssignedTo.ShouldBe("officer-two");
        task.OpenedBy.ShouldBe("officer-one");
        (await OpenAsync(ada)).ShouldBeOfType<Outcome<TraceTask>.Conflict>();
        (await GoneAwayAsync(ada)).TaskId.ShouldBe(task.TaskId);
    }

    [Fact]
    public async Task Each_source_tried_is_kept_in_order_and_a_closed_task_takes_no_more()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        var task = await GoneAwayAsync(ada);

        (await TryAsync(task.TaskId, "tea-leaves")).ShouldBeOfType<Outcome<TraceTask>.Invalid>().Field.ShouldBe("source");
        (await TryAsync(task.TaskId, "employer", result: "maybe")).ShouldBeOfType<Outcome<TraceTask>.Invalid>().Field.ShouldBe("result");
        (await TryAsync(task.TaskId, "employer", on: Today.PlusDays(1))).ShouldBeOfType<Outcome<TraceTask>.Invalid>().Field.ShouldBe("triedOn");
        await TryAsync(task.TaskId, "electoral-register");
        var after = (await TryAsync(task.TaskId, "credit-reference-agency", "lead", note: "Linked address in Eastmere")).ShouldBeOfType<Outcome<TraceTask>.Done>().Value;

        after.Attempts.Select(a => (a.Number, a.Source, a.Result)).ShouldBe([(1, "electoral-register", "no-trace"), (2, "credit-reference-agency", "lead")]);
        after.Attempts[1].Note.ShouldBe("Linked address in Eastmere");
        after.Attempts[1].TriedOn.ShouldBe(Today);

        (await InTransactionAsync((c, tx) => TraceTasks.RecordClosedAsync(c, tx, Council, task.TaskId, "", Today, "officer-one")))
            .ShouldBeOfType<Outcome<TraceTask>.Invalid>().Field.ShouldBe("closeReason");
        (await InTransactionAsync((c, tx) => TraceTasks.RecordClosedAsync(c, tx, Council, task.TaskId, "Paid in full", Today, "officer-one")))
            .ShouldBeOfType<Outcome<TraceTask>.Done>().Value.Status.ShouldBe(TraceStatus.Closed);
        (await TryAsync(task.TaskId, "employer")).ShouldBeOfType<Outcome<TraceTask>.Conflict>();
        // Closing the task lets the next returned post open a new one.
        (await GoneAwayAsync(ada)).TaskId.ShouldNotBe(task.TaskId);
    }

    [Fact]
    public async Task Not_found_closes_the_task_with_a_review_date_after_today()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        var task = await GoneAwayAsync(ada);

        (await InTransactionAsync((c, tx) => TraceTasks.RecordNotFoundAsync(c, tx, Council, task.TaskId, Today, null, Today, "officer-one")))
            .ShouldBeOfType<Outcome<TraceTask>.Invalid>().Field.ShouldBe("reviewOn");
        var closed = (await InTransactionAsync((c, tx) => TraceTasks.RecordNotFoundAsync(c, tx, Council, task.TaskId, Today.PlusMonths(3), "Every source tried", Today, "officer-one")))
            .ShouldBeOfType<Outcome<TraceTask>.Done>().Value;

        closed.Status.ShouldBe(TraceStatus.NotFound);
        closed.ReviewOn.ShouldBe(Today.PlusMonths(3));
        closed.OutcomeOn.ShouldBe(Today);
        closed.ClosedBy.ShouldBe("officer-one");
        (await ReadAsync(c => TraceTasks.OpenForPartyAsync(c, Council, ada))).ShouldBeNull();
    }

    [Fact]
    public async Task A_found_address_joins_the_address_history_ending_the_old_one_and_says_so_on_every_account()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        await AddAddressAsync(ada, new LocalDate(2025, 4, 1));
        var first = await LiableAccountAsync(ada);
        var second = await LiableAccountAsync(ada, closedOn: new LocalDate(2025, 3, 31));
        var task = await GoneAwayAsync(ada);

        (await FoundAsync(task.TaskId, NewHome with { Postcode = "not a postcode" })).ShouldBeOfType<Outcome<TraceFound>.Invalid>().Field.ShouldBe("postcode");
        var found = (await FoundAsync(task.TaskId, NewHome)).ShouldBeOfType<Outcome<TraceFound>.Done>().Value;

        found.Task.Status.ShouldBe(TraceStatus.Found);
        found.Task.FoundAddressSequence.ShouldBe(2);
        found.EndedAddressSequences.ShouldBe([1]);
        var person = (await GetAsync(ada)).ShouldNotBeNull();
        person.Version.ShouldBe(2);
        person.Addresses.Select(a => (a.Sequence, a.Postcode, a.ValidFrom, a.ValidTo))
            .ShouldBe([(1, "WD9 9OR", new LocalDate(2025, 4, 1), (LocalDate?)Today.PlusDays(-1)), (2, "EM4 2QD", Today, null)]);
        foreach (var account in new[] { first, second })
        {
            (await EventsAsync(account)).ShouldContain(e => e.Kind == TraceTasks.FoundEventKind && e.Summary.Contains("4 Quarry Close, Eastmere, EM4 2QD"));
        }

        (await FoundAsync(task.TaskId, NewHome)).ShouldBeOfType<Outcome<TraceFound>.Conflict>();
        (await CountAsync("party_address")).ShouldBe(2);
    }

    [Fact]
    public async Task The_queue_shows_what_each_person_owes_and_the_last_source_and_filters_by_officer_and_overdue()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        var old = await LiableAccountAsync(ada, closedOn: new LocalDate(2025, 3, 31));
        var current = await LiableAccountAsync(ada);
        await PostAsync(old, EntryKind.Charge, "600.00", 2024);
        await PostAsync(current, EntryKind.Charge, "300.00", 2025);
        var grace = await RecordPersonAsync("Grace", "Hopper");
        var adaTask = await GoneAwayAsync(ada, Today.PlusDays(-40));
        var graceTask = (await OpenAsync(grace, due: Today.PlusDays(10), officer: "officer-two")).ShouldBeOfType<Outcome<TraceTask>.Done>().Value;
        await TryAsync(adaTask.TaskId, "electoral-register", on: Today.PlusDays(-30));
        await TryAsync(adaTask.TaskId, "land-registry", on: Today.PlusDays(-2));

        var queue = await ReadAsync(c => TraceTasks.QueueAsync(c, Council, Today));

        queue.Select(q => q.TaskId).ShouldBe([adaTask.TaskId, graceTask.TaskId]);
        queue[0].Name.ShouldBe("Ada Lovelace");
        queue[0].Owed.ShouldBe(MoneyText.Parse("900.00"));
        queue[0].LastSource.ShouldBe("land-registry");
        queue[0].LastTriedOn.ShouldBe(Today.PlusDays(-2));
        queue[0].DaysOpen(Today).ShouldBe(40);
        queue[0].IsOverdue(Today).ShouldBeTrue();
        queue[1].Owed.ShouldBe(Money.Zero);
        queue[1].LastSource.ShouldBeNull();
        (await ReadAsync(c => TraceTasks.QueueAsync(c, Council, Today, assignedTo: "officer-two"))).ShouldHaveSingleItem().TaskId.ShouldBe(graceTask.TaskId);
        (await ReadAsync(c => TraceTasks.QueueAsync(c, Council, Today, overdueOnly: true))).ShouldHaveSingleItem().TaskId.ShouldBe(adaTask.TaskId);
        (await ReadAsync(c => TraceTasks.AssigneesAsync(c, Council))).ShouldBe(["officer-one", "officer-two"]);
    }
}
