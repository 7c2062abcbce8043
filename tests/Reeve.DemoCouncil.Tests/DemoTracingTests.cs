using Dapper;
using NodaTime;
using Reeve.People;
using Reeve.TestKit;

namespace Reeve.DemoCouncil.Tests;

public sealed class DemoTracingOnSqlite() : DemoTracingTests(new SqliteEngine());

public sealed class DemoTracingOnPostgres() : DemoTracingTests(new PostgresEngine());

public abstract class DemoTracingTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate AsAt = new(2026, 11, 22);

    // The demo makes its own councils, so it starts from an empty schema.
    protected override bool StartMigrated => false;

    [Fact]
    public async Task The_demo_trace_queue_has_open_tasks_from_returned_post_and_from_an_officer_one_of_them_overdue()
    {
        await DemoCouncilBuilder.CreateAsync(Db, new DemoOptions(200, 7, AsAt, "correct-horse-battery"), Clock);

        var queue = await ReadAsync(c => TraceTasks.QueueAsync(c, Council, AsAt));

        queue.Count.ShouldBe(4);
        queue.ShouldAllBe(q => q.Owed.IsPositive);
        queue.Count(q => q.IsOverdue(AsAt)).ShouldBe(1);
        queue.Single(q => q.IsOverdue(AsAt)).LastSource.ShouldBe("credit-reference-agency");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from trace_task where source = 'returned-mail'"))).ShouldBe(3);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from returned_mail where cleared_on is null"))).ShouldBe(3);
    }
}
