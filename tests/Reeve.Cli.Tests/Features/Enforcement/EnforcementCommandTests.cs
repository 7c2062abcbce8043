using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.Enforcement;

/// <summary>`reeve calc attachment-of-earnings|enforcement-fees` and `reeve enforcement ...` on a SQLite database with one council.</summary>
public sealed class EnforcementCommandTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("reeve.db");

    public async Task InitializeAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await MigrationRunner.MigrateAsync(db);
        await Seed.CouncilAsync(db, new CouncilId(1), "test", Instant.FromUtc(2025, 4, 1, 9, 0));
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_enforcement_calculators_answer_on_the_command_line_and_refuse_bad_input_with_exit_2()
    {
        // CTAE Regs 1992 Sch 4 Table A: 12% of £300.00; SI 2014/1 Schedule Table 1: £75.00 and £235.00 + 7.5% of £500.00.
        var deduction = await CliRun.RunWithInputAsync("""{ "netEarnings": "300.00", "payPeriod": "weekly", "payDate": "2026-01-09" }""", "calc", "attachment-of-earnings");
        var fees = await CliRun.RunWithInputAsync("""{ "debt": "2000.00", "stagesReached": ["compliance", "enforcement"], "date": "2026-01-09" }""", "calc", "enforcement-fees");
        var bad = await CliRun.RunWithInputAsync("""{ "netEarnings": "300.00", "payPeriod": "fortnightly", "payDate": "2026-01-09" }""", "calc", "attachment-of-earnings");

        deduction.ExitCode.ShouldBe(0, deduction.Stdout);
        deduction.Stdout.ShouldContain("\"deduction\": \"36.00\"");
        fees.ExitCode.ShouldBe(0, fees.Stdout);
        fees.Stdout.ShouldContain("\"total\": \"347.50\"");
        bad.ExitCode.ShouldBe(2);
        bad.Stdout.ShouldContain("\"field\": \"payPeriod\"");
    }

    [Fact]
    public async Task A_request_for_an_order_that_does_not_exist_exits_2_and_records_nothing()
    {
        var run = await CliRun.RunAsync("enforcement", "request-information", "--order", "999", "--date", "2025-07-01", "--db", Db);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("there is no liability order 999");
    }

    [Fact]
    public async Task A_reply_with_an_unknown_employment_exits_2_naming_the_option()
    {
        var run = await CliRun.RunAsync("enforcement", "record-reply", "--request", "1", "--employment", "busy", "--db", Db);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--employment:");
    }

    [Fact]
    public async Task Flagging_with_no_request_waiting_says_so()
    {
        var run = await CliRun.RunAsync("enforcement", "flag-unanswered", "--date", "2025-07-16", "--db", Db);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("No request is past its reply date");
    }

    [Fact]
    public async Task A_remittance_for_an_employer_that_does_not_exist_exits_2_and_posts_nothing()
    {
        var file = _folder.File("acme.csv");
        await File.WriteAllTextAsync(file, "order,payroll_number,pay_date,amount\n1,W1,2025-07-25,36.00\n");

        var run = await CliRun.RunAsync("enforcement", "import-remittance", "--employer", "7", "--file", file, "--db", Db);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("employer: There is no employer 7");
    }
}
