using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Work.Tests;

public sealed class WorkQueueOnSqlite() : WorkQueueTests(new SqliteEngine());

public sealed class WorkQueueOnPostgres() : WorkQueueTests(new PostgresEngine());

public abstract class WorkQueueTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate Today = new(2025, 4, 1);

    private static WorkToRaise Item(string key, string kind = "Suspense payment", string team = WorkTeams.Payments, int dueInDays = 5, string title = "£10.00 from J SMITH") =>
        new("payments.suspense", key, kind, title, team, Today.PlusDays(dueInDays), WorkClock.WorkingDays, PartyId: 7, AccountId: 9);

    private Task RaiseAsync(WorkToRaise item) => InTransactionAsync(async (c, tx) =>
    {
        await WorkQueue.RaiseAsync(c, tx, Council, item, Now);
        return 0;
    });

    private Task<bool> CloseAsync(string key, string source = "payments.suspense") =>
        InTransactionAsync((c, tx) => WorkQueue.CloseAsync(c, tx, Council, source, key, Now));

    private Task<WorkItem?> FindAsync(string key) => ReadAsync(c => WorkLists.BySourceAsync(c, Council, "payments.suspense", key));

    private Task<WorkPage> MyWorkAsync(string officer, string? kind = null, int page = 1) =>
        ReadAsync(c => WorkLists.MyWorkAsync(c, Council, officer, kind, page, Today));

    private Task<long> CountAsync() => ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from work_item"));

    [Fact]
    public async Task Raising_the_same_thing_twice_keeps_one_item_with_the_new_title_and_deadline()
    {
        await RaiseAsync(Item("s-1"));
        await RaiseAsync(Item("s-1", dueInDays: 9, title: "£12.00 from J SMITH"));

        (await CountAsync()).ShouldBe(1);
        var item = (await FindAsync("s-1")).ShouldNotBeNull();
        (item.Title, item.Deadline, item.State, item.PartyId, item.AccountId).ShouldBe(("£12.00 from J SMITH", Today.PlusDays(9), WorkState.Open, 7L, 9L));
    }

    [Fact]
    public async Task Raising_again_keeps_the_officer_who_took_it()
    {
        await RaiseAsync(Item("s-1"));
        var id = (await FindAsync("s-1"))!.WorkItemId;
        await InTransactionAsync((c, tx) => AssignWork.TakeAsync(c, tx, Council, id, "jsmith"));

        await RaiseAsync(Item("s-1", dueInDays: 2));

        (await FindAsync("s-1"))!.AssignedTo.ShouldBe("jsmith");
    }

    [Fact]
    public async Task Closing_is_idempotent_and_closing_an_unknown_item_does_nothing()
    {
        await RaiseAsync(Item("s-1"));

        (await CloseAsync("s-1")).ShouldBeTrue();
        (await CloseAsync("s-1")).ShouldBeFalse();
        (await CloseAsync("s-404")).ShouldBeFalse();

        var item = (await FindAsync("s-1")).ShouldNotBeNull();
        (item.State, item.ClosedAt).ShouldBe((WorkState.Closed, Now));
        (await MyWorkAsync("jsmith")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task Raising_a_closed_item_again_opens_it_for_the_team()
    {
        await RaiseAsync(Item("s-1"));
        var id = (await FindAsync("s-1"))!.WorkItemId;
        await InTransactionAsync((c, tx) => AssignWork.TakeAsync(c, tx, Council, id, "jsmith"));
        await CloseAsync("s-1");

        await RaiseAsync(Item("s-1"));

        var item = (await FindAsync("s-1")).ShouldNotBeNull();
        (item.State, item.AssignedTo, item.ClosedAt).ShouldBe((WorkState.Open, (string?)null, (Instant?)null));
    }

    [Fact]
    public async Task The_same_key_from_two_sources_is_two_items()
    {
        await RaiseAsync(Item("1"));
        await RaiseAsync(Item("1") with { Source = "people.trace" });

        (await CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task My_work_is_mine_and_my_teams_unassigned_items_in_deadline_order()
    {
        await RaiseAsync(Item("mine", dueInDays: 9));
        await RaiseAsync(Item("theirs", dueInDays: 1));
        await RaiseAsync(Item("team", dueInDays: 3));
        await RaiseAsync(Item("other-team", team: WorkTeams.Recovery, dueInDays: 2));
        await InTransactionAsync(async (c, tx) =>
        {
            await AssignWork.JoinTeamAsync(c, tx, Council, "jsmith", WorkTeams.Payments);
            await AssignWork.ReassignAsync(c, tx, Council, [(await WorkLists.BySourceAsync(c, Council, "payments.suspense", "mine", tx))!.WorkItemId], "jsmith");
            await AssignWork.ReassignAsync(c, tx, Council, [(await WorkLists.BySourceAsync(c, Council, "payments.suspense", "theirs", tx))!.WorkItemId], "adoe");
            return 0;
        });

        var mine = await MyWorkAsync("jsmith");

        mine.Items.Select(i => i.Key).ShouldBe(["team", "mine"]);
        // An officer in no team sees every team's unassigned work.
        (await MyWorkAsync("newstarter")).Items.Select(i => i.Key).ShouldBe(["other-team", "team"]);
    }

    [Fact]
    public async Task My_work_counts_each_kind_and_its_overdue_items_and_filters_by_kind()
    {
        await RaiseAsync(Item("late", dueInDays: -2));
        await RaiseAsync(Item("due", dueInDays: 0));
        await RaiseAsync(Item("trace", kind: "Trace", dueInDays: -1));

        var all = await MyWorkAsync("jsmith");
        var traces = await MyWorkAsync("jsmith", kind: "Trace");

        all.Kinds.ShouldBe([new WorkKindCount("Suspense payment", 2, 1), new WorkKindCount("Trace", 1, 1)]);
        (all.Total, all.Overdue).ShouldBe((3, 2));
        traces.Items.Select(i => i.Key).ShouldBe(["trace"]);
        (traces.Total, traces.Overdue).ShouldBe((1, 1));
    }

    [Fact]
    public async Task My_work_comes_a_page_at_a_time()
    {
        var items = Enumerable.Range(1, WorkLists.PageSize + 3).Select(i => (Item($"s-{i:D3}", dueInDays: i), (string?)null)).ToList();
        await InTransactionAsync(async (c, tx) =>
        {
            await WorkItems.InsertOpenAsync(c, tx, Council, items, Now);
            return 0;
        });

        var second = await MyWorkAsync("jsmith", page: 2);
        var beyond = await MyWorkAsync("jsmith", page: 99);

        (second.Total, second.PageCount, second.PageNumber).ShouldBe((WorkLists.PageSize + 3, 2, 2));
        second.Items.Select(i => i.Key).ShouldBe(["s-026", "s-027", "s-028"]);
        beyond.PageNumber.ShouldBe(2);
    }

    [Fact]
    public async Task Taking_an_item_assigns_it_to_me_and_nobody_else_can_take_it_after()
    {
        await RaiseAsync(Item("s-1"));
        var id = (await FindAsync("s-1"))!.WorkItemId;

        var taken = await InTransactionAsync((c, tx) => AssignWork.TakeAsync(c, tx, Council, id, "jsmith"));
        var again = await InTransactionAsync((c, tx) => AssignWork.TakeAsync(c, tx, Council, id, "jsmith"));
        var other = await InTransactionAsync((c, tx) => AssignWork.TakeAsync(c, tx, Council, id, "adoe"));

        taken.ShouldBeOfType<Outcome<WorkItem>.Done>().Value.AssignedTo.ShouldBe("jsmith");
        again.ShouldBeOfType<Outcome<WorkItem>.Done>();
        other.ShouldBeOfType<Outcome<WorkItem>.Conflict>().Message.ShouldContain("jsmith already has this item");
        (await FindAsync("s-1"))!.AssignedTo.ShouldBe("jsmith");
    }

    [Fact]
    public async Task A_closed_or_unknown_item_cannot_be_taken()
    {
        await RaiseAsync(Item("s-1"));
        var id = (await FindAsync("s-1"))!.WorkItemId;
        await CloseAsync("s-1");

        (await InTransactionAsync((c, tx) => AssignWork.TakeAsync(c, tx, Council, id, "jsmith"))).ShouldBeOfType<Outcome<WorkItem>.Conflict>();
        (await InTransactionAsync((c, tx) => AssignWork.TakeAsync(c, tx, Council, id + 1000, "jsmith"))).ShouldBeOfType<Outcome<WorkItem>.NotFound>();
    }

    [Fact]
    public async Task Bulk_reassignment_moves_open_items_and_leaves_closed_ones()
    {
        await RaiseAsync(Item("a"));
        await RaiseAsync(Item("b"));
        await RaiseAsync(Item("closed"));
        await CloseAsync("closed");
        var ids = new List<long>();
        foreach (var key in new[] { "a", "b", "closed" })
        {
            ids.Add((await FindAsync(key))!.WorkItemId);
        }

        var moved = await InTransactionAsync((c, tx) => AssignWork.ReassignAsync(c, tx, Council, ids, "adoe"));
        var back = await InTransactionAsync((c, tx) => AssignWork.ReassignAsync(c, tx, Council, [ids[0]], null));

        moved.Select(i => i.Key).ShouldBe(["a", "b"]);
        back.Select(i => (i.Key, i.AssignedTo)).ShouldBe([("a", (string?)"adoe")]);
        (await FindAsync("a"))!.AssignedTo.ShouldBeNull();
        (await FindAsync("b"))!.AssignedTo.ShouldBe("adoe");
        (await FindAsync("closed"))!.AssignedTo.ShouldBeNull();
        var loads = await ReadAsync(c => WorkLists.LoadsAsync(c, Council, Today));
        loads.ShouldBe([new OfficerLoad(null, 1, 0), new OfficerLoad("adoe", 1, 0)]);
    }

    [Fact]
    public async Task The_team_view_filters_by_officer_and_the_unassigned()
    {
        await RaiseAsync(Item("a"));
        await RaiseAsync(Item("b"));
        var b = (await FindAsync("b"))!.WorkItemId;
        await InTransactionAsync((c, tx) => AssignWork.ReassignAsync(c, tx, Council, [b], "adoe"));

        var adoe = await ReadAsync(c => WorkLists.TeamAsync(c, Council, "adoe", null, 1, Today));
        var nobody = await ReadAsync(c => WorkLists.TeamAsync(c, Council, WorkLists.Unassigned, null, 1, Today));

        adoe.Items.Select(i => i.Key).ShouldBe(["b"]);
        nobody.Items.Select(i => i.Key).ShouldBe(["a"]);
    }

    [Fact]
    public async Task A_backfill_brings_a_source_in_once()
    {
        var source = new FixedBackfill([Item("old-1"), Item("old-2")]);

        var first = await ReadAsync(c => WorkBackfill.RunAsync(c, [Council], [source], Today, Now));
        var second = await ReadAsync(c => WorkBackfill.RunAsync(c, [Council], [source], Today, Now));

        first.ShouldBe([new WorkBackfill.Done(Council, "payments.suspense", 2)]);
        second.ShouldBeEmpty();
        source.Calls.ShouldBe(1);
        (await CountAsync()).ShouldBe(2);
    }

    private sealed class FixedBackfill(IReadOnlyList<WorkToRaise> items) : IWorkBackfill
    {
        public int Calls { get; private set; }

        public string Source => "payments.suspense";

        public Task<IReadOnlyList<WorkToRaise>> WaitingAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, CouncilId council, LocalDate today)
        {
            Calls++;
            return Task.FromResult(items);
        }
    }
}
