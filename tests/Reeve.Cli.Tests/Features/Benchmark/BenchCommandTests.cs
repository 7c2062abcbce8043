using System.Text.Json.Nodes;

namespace Reeve.Cli.Tests.Features.Benchmark;

public class BenchCommandTests
{
    [Fact]
    public async Task Ledger_bench_on_a_temporary_sqlite_file_reports_its_figures_as_json()
    {
        var run = await CliRun.RunAsync("bench", "ledger", "--entries", "2000", "--accounts", "200", "--reads", "500", "--json");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var figures = JsonNode.Parse(run.Stdout)!;
        figures["provider"]!.GetValue<string>().ShouldBe("sqlite");
        figures["entries"]!.GetValue<int>().ShouldBe(2000);
        figures["posting"]!["reeveSeconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        figures["posting"]!["baselineSeconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        figures["posting"]!["physicalSeconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        figures["posting"]!["entryKeys"]!.GetValue<bool>().ShouldBeFalse();
        figures["posting"]!["ratio"]!.GetValue<double>().ShouldBe(
            figures["posting"]!["reeveSeconds"]!.GetValue<double>() / figures["posting"]!["physicalSeconds"]!.GetValue<double>(), 1e-9);
        figures["balanceRead"]!["reads"]!.GetValue<int>().ShouldBe(500);
        figures["balanceRead"]!["p99Ms"]!.GetValue<double>().ShouldBeGreaterThan(0);
        figures["balanceRead"]!["ratio"]!.GetValue<double>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Ledger_bench_prints_a_table_with_a_verdict_per_target()
    {
        using var folder = new TempFolder();
        var db = folder.File("bench.db");

        var run = await CliRun.RunAsync("bench", "ledger", "--entries", "500", "--accounts", "50", "--reads", "100", "--db", db);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("Post entries");
        run.Stdout.ShouldContain("bare tables");
        run.Stdout.ShouldContain("Post entries, same tables");
        run.Stdout.ShouldContain("Balance read, p99");
        (run.Stdout.Contains("PASS") || run.Stdout.Contains("FAIL")).ShouldBeTrue();
    }

    // The benchmark writes a fresh schema; it must never write into a database that is in use.
    [Fact]
    public async Task Ledger_bench_refuses_a_sqlite_file_that_already_has_tables()
    {
        using var folder = new TempFolder();
        var db = folder.File("in-use.db");
        (await CliRun.RunAsync("db", "migrate", "--db", db)).ExitCode.ShouldBe(0);

        var run = await CliRun.RunAsync("bench", "ledger", "--entries", "10", "--accounts", "1", "--db", db);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--db");
    }
}
