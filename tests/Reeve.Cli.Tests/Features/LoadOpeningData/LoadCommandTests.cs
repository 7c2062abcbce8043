using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.LoadOpeningData;

public sealed class LoadCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("reeve.db");

    private static string Samples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reeve.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "samples", "opening-load");
    }

    private async Task MigrateAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await MigrationRunner.MigrateAsync(db);
        await Seed.CouncilAsync(db, new CouncilId(1), "test", Instant.FromUtc(2025, 4, 1, 9, 0));
    }

    private async Task<long> AccountsAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>("select count(*) from account");
    }

    [Fact]
    public async Task Validate_prints_every_problem_with_its_file_line_and_field_and_writes_nothing()
    {
        await MigrateAsync();
        var bad = _folder.File("bad");
        Directory.CreateDirectory(bad);
        foreach (var file in Directory.GetFiles(Samples()))
        {
            var text = await File.ReadAllTextAsync(file);
            await File.WriteAllTextAsync(Path.Combine(bad, Path.GetFileName(file)),
                Path.GetFileName(file) == "balances.csv" ? text.Replace("840.00", "840.0", StringComparison.Ordinal) : text);
        }

        var output = await CliRun.RunAsync("load", "validate", bad, "--db", Db, "--as-at", "2025-10-01");

        output.ExitCode.ShouldBe(ReeveCli.Refused);
        output.Stderr.ShouldContain("balances.csv line 2, field balance: '840.0' is not an amount in pounds with two decimals");
        (await AccountsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Commit_loads_the_sample_set_once_and_a_second_commit_writes_nothing()
    {
        await MigrateAsync();

        var validated = await CliRun.RunAsync("load", "validate", Samples(), "--db", Db, "--as-at", "2025-10-01");
        validated.ExitCode.ShouldBe(ReeveCli.Ok, validated.Stderr);
        validated.Stdout.ShouldContain("ready to load");
        (await AccountsAsync()).ShouldBe(0);

        var committed = await CliRun.RunAsync("load", "commit", Samples(), "--db", Db, "--as-at", "2025-10-01");
        committed.ExitCode.ShouldBe(ReeveCli.Ok, committed.Stderr);
        committed.Stdout.ShouldContain("£33,249.27");
        (await AccountsAsync()).ShouldBe(36);

        var again = await CliRun.RunAsync("load", "commit", Samples(), "--db", Db, "--as-at", "2025-10-01");
        again.Stdout.ShouldContain("loaded before");
        (await AccountsAsync()).ShouldBe(36);
    }
}
