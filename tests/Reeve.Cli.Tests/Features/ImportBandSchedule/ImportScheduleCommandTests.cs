using Dapper;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Properties;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.ImportBandSchedule;

public sealed class ImportScheduleCommandTests : IDisposable
{
    private static readonly CouncilId Council = new(1);
    private static readonly Instant Recorded = Instant.FromUtc(2025, 4, 1, 9, 0);
    private const string Header = "schedule_reference,uprn,address_line1,address_line2,town,postcode,band,effective_date,reason_code,comment,area_code";
    private const string BandChange = "CTS/2025/014,100000000123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,Band reduced on appeal,";
    private const string NewBuild = "CTS/2025/014,100000000200,\"Flat 2, The Maltings\",,Wealdmoor,WD1 2AB,B,2025-05-01,NEW,,WLD";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("reeve.db");

    // One dwelling in area WLD at Band D (£1,825.00 in 2024 and 2025) with one resident since 1 April 2024.
    private async Task ListAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await MigrationRunner.MigrateAsync(db);
        await Seed.CouncilAsync(db, Council, "test", Recorded);
        long party;
        await using (var c = await db.OpenAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            await PropertyStore.AddAsync(c, tx, new NewProperty(Council, 100_000_000_123, "1 Mill Lane", null, null, "Wealdmoor", "WD1 1AB", PropertyKind.Domestic, 'D'), Recorded);
            await c.ExecuteAsync("update property set area_code = 'WLD'", transaction: tx);
            foreach (var year in new[] { 2024, 2025 })
            {
                await ChargeSetting.SetAsync(c, tx, Council, "WLD", "Wealdmoor", new FinancialYear(year),
                    [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(182_500), null)]);
            }

            party = ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
                new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, "Sam", "Hart"), null, new LocalDate(1980, 1, 1), [], null), "test", Recorded)).Value;
            await tx.CommitAsync();
        }

        await db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, 100_000_000_123, party, new LocalDate(2024, 4, 1), Interest.Tenant, null, "officer", Recorded));
    }

    private string Schedule(params string[] lines)
    {
        var path = _folder.File($"schedule-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\r\n", [Header, .. lines]) + "\r\n");
        return path;
    }

    private Task<CliOutput> ImportAsync(string file, params string[] more) =>
        CliRun.RunAsync(["valuation", "import-schedule", "--db", Db, "--file", file, "--as-at", "2025-06-01", .. more]);

    private async Task<long> CountAsync(string table)
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }

    [Fact]
    public async Task A_good_file_is_imported_with_a_summary_and_a_second_run_posts_nothing()
    {
        await ListAsync();
        var file = Schedule(BandChange, NewBuild);

        var first = await ImportAsync(file);
        var entries = await CountAsync("ledger_entry");
        var second = await ImportAsync(file);

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("Imported schedule-");
        first.Stdout.ShouldMatch(@"AMD band change\s+│\s+1");
        first.Stdout.ShouldMatch(@"NEW new entry\s+│\s+1");
        first.Stdout.ShouldMatch(@"Dwellings re-billed\s+│\s+1");
        first.Stdout.ShouldMatch(@"Bill versions issued\s+│\s+2"); // 2024/25 and 2025/26, both at Band C
        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stdout.ShouldContain("already imported");
        second.Stdout.ShouldContain("Nothing was posted");
        (await CountAsync("ledger_entry")).ShouldBe(entries);
        (await CountAsync("band_schedule_import")).ShouldBe(1);
    }

    [Fact]
    public async Task A_file_with_bad_lines_exits_2_names_each_line_and_field_and_changes_nothing()
    {
        await ListAsync();
        var entries = await CountAsync("ledger_entry");
        var file = Schedule(BandChange, "CTS/2025/014,100000000201,2 Mill Lane,,Wealdmoor,WD1 2AB,J,2025-05-01,NEW,,WLD",
            "CTS/2025/014,100000000202,3 Mill Lane,,Wealdmoor,WD1 2AB,B,2025-02-30,NEW,,WLD");

        var run = await ImportAsync(file);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("nothing was changed");
        run.Stderr.ShouldContain("line 3, field band: 'J' is not a band");
        run.Stderr.ShouldContain("line 4, field effective_date: '2025-02-30' is not a real date");
        run.Stdout.ShouldBeEmpty();
        (await CountAsync("ledger_entry")).ShouldBe(entries);
        (await CountAsync("band_change")).ShouldBe(0);
        (await CountAsync("property")).ShouldBe(1);
    }

    [Fact]
    public async Task A_preview_shows_what_would_change_and_writes_nothing()
    {
        await ListAsync();
        var entries = await CountAsync("ledger_entry");

        var run = await ImportAsync(Schedule(BandChange, NewBuild), "--preview");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("nothing has been written");
        run.Stdout.ShouldMatch(@"Bill versions issued\s+│\s+2");
        run.Stdout.ShouldMatch(@"AMD\s+│\s+C\s+│\s+1");
        (await CountAsync("ledger_entry")).ShouldBe(entries);
        (await CountAsync("band_schedule_import")).ShouldBe(0);
        (await CountAsync("property")).ShouldBe(1);
    }

    [Theory]
    [InlineData("--file", "no-such-file.csv", "--file: there is no file")]
    [InlineData("--council", "7", "--council: there is no council 7")]
    [InlineData("--as-at", "2025-02-30", "--as-at must be a real date")]
    [InlineData("--council", "none", "--council must be a whole number")]
    public async Task Bad_arguments_exit_2_and_name_the_option(string option, string value, string message)
    {
        await ListAsync();
        var file = option == "--file" ? _folder.File(value) : Schedule(BandChange);
        string[] args = option == "--file"
            ? ["valuation", "import-schedule", "--db", Db, "--file", file]
            : ["valuation", "import-schedule", "--db", Db, "--file", file, option, value];

        var run = await CliRun.RunAsync(args);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(message);
        (await CountAsync("band_change")).ShouldBe(0);
    }
}
