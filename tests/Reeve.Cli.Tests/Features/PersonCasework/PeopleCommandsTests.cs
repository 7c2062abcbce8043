using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.PersonCasework;

public sealed class PeopleCommandsTests : IAsyncLifetime, IDisposable
{
    private static readonly CouncilId Council = new(1);
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("reeve.db");

    public async Task InitializeAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await MigrationRunner.MigrateAsync(db);
        await Seed.CouncilAsync(db, Council, "test", CliRun.Now);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    private string Csv(params string[] lines)
    {
        var path = _folder.File($"notices-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\n", ["reference,type,start_date,name,date_of_birth,postcode,source", .. lines]) + "\n");
        return path;
    }

    private async Task<long> CountAsync(string sql)
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task A_notification_for_no_known_person_is_queued_not_dropped()
    {
        var run = await CliRun.RunAsync("breathing-space", "import", "--db", Db, "--file", Csv("BS-9,standard,2026-11-01,Pat Unknown,1975-03-04,EM1 1AA,"));

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("1 in the matching queue");
        (await CountAsync("select count(*) from breathing_space where status = 'unmatched'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_file_with_a_bad_type_is_refused_naming_the_line_and_field_and_records_nothing()
    {
        var run = await CliRun.RunAsync("breathing-space", "import", "--db", Db, "--file",
            Csv("BS-9,standard,2026-11-01,Pat Unknown,,,", "BS-10,short,2026-11-01,Sam Unknown,,,"));

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("line 3: type: 'short' is not standard or mental-health-crisis");
        (await CountAsync("select count(*) from breathing_space")).ShouldBe(0);
    }

    [Fact]
    public async Task Monitoring_with_no_kept_arrangement_checks_none()
    {
        var run = await CliRun.RunAsync("arrangements", "monitor", "--db", Db, "--date", "2026-12-01");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("Checked 0 kept arrangement(s) on 2026-12-01");
    }
}
