using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.Overpayments;

/// <summary>`reeve overpayments ...` on a SQLite database with one council and two people, Jane Smith and John Smith.</summary>
public sealed class OverpaymentsCommandTests : IAsyncLifetime
{
    private static readonly CouncilId Council = new(1);
    private readonly TempFolder _folder = new();
    private long _jane;
    private long _john;

    private string Db => _folder.File("reeve.db");

    public async Task InitializeAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await MigrationRunner.MigrateAsync(db);
        await Seed.CouncilAsync(db, Council, "test", Instant.FromUtc(2025, 4, 1, 9, 0));
        await using var c = await db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var ids = ((Outcome<IReadOnlyList<long>>.Done)await RecordParties.RecordAllAsync(c, tx, Council,
        [
            new(PartyKind.Person, NameParts.Person(null, "Jane", "Smith"), new LocalDate(2020, 1, 1), new RecordParty.PostalAddressInput(null, "1 High Street", null, null, "Anytown", "AB1 2CD")),
            new(PartyKind.Person, NameParts.Person(null, "John", "Smith"), new LocalDate(2020, 1, 1), new RecordParty.PostalAddressInput(null, "1 High Street", null, null, "Anytown", "AB1 2CD")),
        ], "test", Instant.FromUtc(2025, 4, 1, 9, 0))).Value;
        (_jane, _john) = (ids[0], ids[1]);
        await tx.CommitAsync();
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private string Write(string name, params string[] lines)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private string Claims() => Write("claims.csv", "claim_reference,weekly_award,weekly_disregard,top_up,claimant,partner,landlord,appointee",
        $"HB1,120.00,10.00,5.00,{_jane},{_john},,");

    private const string DecisionsHeader = "decision_reference,claim_reference,period_from,period_to,amount,cause,recoverable,recover_from,decided_on,revises";

    [Fact]
    public async Task Claims_and_decisions_are_recorded_the_week_s_deductions_recorded_once_and_the_subsidy_counts_written()
    {
        var claims = await CliRun.RunAsync("overpayments", "record-claims", Claims(), "--db", Db);
        var decisions = Write("decisions.csv", DecisionsHeader, "D1,HB1,2026-01-05,2026-03-29,500.00,fraud,yes,claimant,2026-05-01,");
        var import = await CliRun.RunAsync("overpayments", "import-decisions", decisions, "--db", Db);
        var preview = await CliRun.RunAsync("overpayments", "deductions", "--week-starting", "2026-11-16", "--db", Db);
        var record = await CliRun.RunAsync("overpayments", "deductions", "--week-starting", "2026-11-16", "--record", "--db", Db);
        var again = await CliRun.RunAsync("overpayments", "deductions", "--week-starting", "2026-11-16", "--record", "--db", Db);
        var csv = _folder.File("subsidy.csv");
        var subsidy = await CliRun.RunAsync("overpayments", "subsidy", "--year", "2026", "--csv", csv, "--db", Db);

        claims.ExitCode.ShouldBe(0, claims.Stderr);
        import.ExitCode.ShouldBe(0, import.Stderr);
        import.Stdout.ShouldContain("1 recoverable decisions charged £500.00");
        preview.ExitCode.ShouldBe(0, preview.Stderr);
        preview.Stdout.ShouldContain("£28.25"); // the 2025 fraud rate 23.25 (the newest row Reeve holds) + the 5.00 top-up
        record.Stdout.ShouldContain("Recorded 1 deductions, £28.25");
        again.Stdout.ShouldContain("Recorded 0 deductions");
        (await ScalarAsync("select count(*) from hb_deduction")).ShouldBe(1);
        subsidy.ExitCode.ShouldBe(0, subsidy.Stderr);
        File.ReadAllText(csv).ShouldContain("fraud,1,500.00,1,500.00,0.00,28.25,0.00");
    }

    [Fact]
    public async Task A_decision_for_an_unknown_claim_exits_2_naming_line_and_field_and_posts_nothing()
    {
        await CliRun.RunAsync("overpayments", "record-claims", Claims(), "--db", Db);
        var decisions = Write("decisions.csv", DecisionsHeader, "D1,HB9,2026-01-05,2026-03-29,500.00,fraud,yes,claimant,2026-05-01,");

        var run = await CliRun.RunAsync("overpayments", "import-decisions", decisions, "--db", Db);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("line 2: claim_reference");
        (await ScalarAsync("select count(*) from ledger_entry")).ShouldBe(0);
    }

    [Fact]
    public async Task The_direct_earnings_attachment_calculator_answers_on_the_command_line()
    {
        var run = await CliRun.RunWithInputAsync("""{ "netEarnings": "300.00", "payPeriod": "weekly", "rate": "standard", "payDate": "2026-01-09" }""", "calc", "direct-earnings-attachment");

        run.ExitCode.ShouldBe(0, run.Stdout);
        run.Stdout.ShouldContain("\"deduction\": \"33.00\"");
        run.Stdout.ShouldContain("\"percent\": 11");
    }
}
