using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.RunRecovery;

public sealed class RecoveryCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> CouncilDatabaseAsync()
    {
        var path = _folder.File("reeve.db");
        using var db = ReeveDatabase.Sqlite(path);
        await MigrationRunner.MigrateAsync(db);
        await Seed.CouncilAsync(db, new CouncilId(1), "test", CliRun.Now);
        return path;
    }

    [Fact]
    public async Task A_run_for_a_past_or_future_date_is_refused_and_a_preview_writes_nothing()
    {
        // Notices are issued on the day of the run (CTAE Regs 1992 reg 23(1)); the CLI's clock says 20 November 2026.
        var db = await CouncilDatabaseAsync();

        var past = await CliRun.RunAsUserAsync("rita", "recovery", "run", "--date", "2026-11-19", "--db", db);
        var future = await CliRun.RunAsync("recovery", "run", "--date", "2026-11-21", "--db", db);
        var preview = await CliRun.RunAsync("recovery", "run", "--preview", "--date", "2026-11-19", "--db", db);
        var runs = await CliRun.RunAsync("recovery", "runs", "--db", db);

        past.ExitCode.ShouldBe(ReeveCli.Refused);
        past.Stderr.ShouldContain("--date: A recovery run is prepared for today (20 November 2026)");
        future.ExitCode.ShouldBe(ReeveCli.Refused);
        future.Stderr.ShouldContain("cannot be dated after today");
        preview.ExitCode.ShouldBe(ReeveCli.Ok);
        preview.Stdout.ShouldContain("nothing was written");
        runs.Stdout.ShouldNotContain("rita");
    }

    [Fact]
    public async Task The_command_line_cannot_approve_a_run_whatever_officer_it_is_told_it_is()
    {
        // Issue 19: `--officer` was trusted, so anyone who could run `reeve` could approve as a Team Leader. Approvals are
        // given in the signed-in app, which knows who the approver is; the command line only points there.
        var db = await CouncilDatabaseAsync();
        using (var database = ReeveDatabase.Sqlite(db))
        {
            await using var connection = await database.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await Reeve.Officers.OfficerStore.CreateAsync(connection, tx, "dana", "Dana Leader", Reeve.Officers.Role.TeamLeader, new CouncilId(1), [],
                "a long enough password", CliRun.Now);
            await tx.CommitAsync();
        }

        var prepared = await CliRun.RunAsUserAsync("rita", "recovery", "run", "--db", db);
        var approve = await CliRun.RunAsUserAsync("rita", "recovery", "approve", "--run", "1", "--db", db, "--officer", "dana");
        var approveAsLeader = await CliRun.RunAsUserAsync("dana", "recovery", "approve", "--run", "1", "--db", db);
        var runs = await CliRun.RunAsync("recovery", "runs", "--db", db);

        prepared.ExitCode.ShouldBe(ReeveCli.Ok, prepared.Stderr);
        approve.ExitCode.ShouldNotBe(ReeveCli.Ok);
        approveAsLeader.ExitCode.ShouldBe(ReeveCli.Refused);
        approveAsLeader.Stderr.ShouldContain("/recovery/runs/1");
        runs.Stdout.ShouldContain("prepared");
        runs.Stdout.ShouldContain("cli:rita");
        runs.Stdout.ShouldNotContain("dana");
    }

    [Fact]
    public async Task A_court_session_is_added_and_listed_and_a_weekend_session_is_refused()
    {
        var db = await CouncilDatabaseAsync();

        var added = await CliRun.RunAsync("recovery", "court", "add", "--court", "Wealdmoor Magistrates' Court", "--date", "2026-12-15", "--capacity", "250", "--db", db);
        var weekend = await CliRun.RunAsync("recovery", "court", "add", "--court", "Wealdmoor Magistrates' Court", "--date", "2026-12-19", "--db", db);
        var list = await CliRun.RunAsync("recovery", "court", "list", "--db", db);

        added.ExitCode.ShouldBe(ReeveCli.Ok, added.Stderr);
        weekend.ExitCode.ShouldBe(ReeveCli.Refused);
        weekend.Stderr.ShouldContain("not a business day");
        list.Stdout.ShouldContain("2026-12-15");
        list.Stdout.ShouldNotContain("2026-12-19");
    }

    [Theory]
    [InlineData("reference,outcome,note\n500000013,withdrawn,\"paid, said the clerk\"\n500000021,struck-out,\n", 3, "outcome")]
    [InlineData("reference,outcome,note\n500000013,withdrawn,\"a note over\ntwo lines\"\n500000021,adjourned,\"bad\"x\n", 4, "field 3")]
    public async Task A_bad_line_in_a_hearing_outcomes_file_is_refused_naming_the_line_and_field(string csv, int line, string field)
    {
        // The file is read by the one CSV reader every import uses: quoted commas and line breaks are part of a note.
        var db = await CouncilDatabaseAsync();
        var file = _folder.File("outcomes.csv");
        await File.WriteAllTextAsync(file, csv);

        var run = await CliRun.RunAsync("recovery", "court", "outcomes", "--session", "1", "--file", file, "--db", db);

        run.ExitCode.ShouldBe(ReeveCli.Refused);
        run.Stderr.ShouldContain($"--file: line {line}, field {field}: ");
        run.Stderr.ShouldContain("nothing was recorded");
    }
}
