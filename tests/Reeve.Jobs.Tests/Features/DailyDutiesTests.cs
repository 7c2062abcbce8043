using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Jobs.Tests.Features;

public sealed class DailyDutiesOnSqlite() : DailyDutiesTests(new SqliteEngine());

public sealed class DailyDutiesOnPostgres() : DailyDutiesTests(new PostgresEngine());

/// <summary>
/// The daily duties job runs every duty a module registered, for each council, and records in the run history what each
/// did; a duty that throws fails the run (so it is flagged) without stopping the others.
/// </summary>
public abstract class DailyDutiesTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const string Job = "daily-duties";
    private readonly string _folder = Directory.CreateTempSubdirectory("reeve-jobs-").FullName;

    private sealed class NotingDuty(string name, string? says, string? failWith = null) : IDailyDuty
    {
        public List<DutyDay> Days { get; } = [];

        public string Name => name;

        public Task<string?> RunAsync(DbConnection connection, DutyDay day, CancellationToken ct)
        {
            Days.Add(day);
            return failWith is null ? Task.FromResult(says) : throw new InvalidOperationException(failWith);
        }
    }

    private Task<JobRun> RunAsync(params IDailyDuty[] duties) =>
        Runners.For(Db, Clock, _folder, "web", new RunDailyDutiesJob(duties)).RunAsync(Job, RunTrigger.RunNow, null, "a.leader");

    [Fact]
    public async Task Every_registered_duty_runs_for_the_council_and_the_run_records_what_each_did()
    {
        var ends = new NotingDuty("Breathing Space ends", "2 ended");
        var reviews = new NotingDuty("Reviews due", null);

        var run = await RunAsync(ends, reviews);

        run.Outcome.ShouldBe(RunOutcome.Succeeded);
        run.Summary.ShouldBe("Breathing Space ends: 2 ended. Reviews due: nothing due.");
        var day = ends.Days.ShouldHaveSingleItem();
        (day.Council, day.Today, day.Now, day.Actor).ShouldBe((Council, new LocalDate(2025, 4, 1), Now, "a.leader"));
        reviews.Days.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_duty_that_fails_fails_the_run_and_the_duties_after_it_still_run()
    {
        var broken = new NotingDuty("Reviews due", null, failWith: "the award table is locked");
        var after = new NotingDuty("Breathing Space ends", "1 ended");

        var run = await RunAsync(broken, after);

        run.Outcome.ShouldBe(RunOutcome.Failed);
        run.Summary.ShouldBe("Reviews due: FAILED: the award table is locked Breathing Space ends: 1 ended.");
        after.Days.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task On_a_bank_holiday_no_duty_runs()
    {
        // Easter Monday 2025 (21 April) is a bank holiday in England and Wales.
        Clock.SetTo(Instant.FromUtc(2025, 4, 21, 6, 0));
        var duty = new NotingDuty("Reviews due", "3 raised");

        var run = await RunAsync(duty);

        run.Outcome.ShouldBe(RunOutcome.Succeeded);
        run.Summary.ShouldContain("is not a working day");
        duty.Days.ShouldBeEmpty();
    }

    [Fact]
    public void A_different_duty_under_a_name_already_registered_is_refused()
    {
        DailyDuties.Register(new NotingDuty("Test duty registered once", null));
        DailyDuties.Register(new NotingDuty("Test duty registered once", null));

        Should.Throw<InvalidOperationException>(() => DailyDuties.Register(new OtherDuty()));
        DailyDuties.All.Count(d => d.Name == "Test duty registered once").ShouldBe(1);
    }

    private sealed class OtherDuty : IDailyDuty
    {
        public string Name => "Test duty registered once";

        public Task<string?> RunAsync(DbConnection connection, DutyDay day, CancellationToken ct) => Task.FromResult<string?>(null);
    }
}
