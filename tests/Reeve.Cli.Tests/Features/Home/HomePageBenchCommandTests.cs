using System.Text.Json.Nodes;

namespace Reeve.Cli.Tests.Features.Home;

public class HomePageBenchCommandTests
{
    [Fact]
    public async Task Home_page_bench_on_a_small_sqlite_council_reports_both_pages_against_their_baselines()
    {
        var run = await CliRun.RunAsync("bench", "home-page", "--accounts", "2000", "--work-items", "500", "--reads", "20", "--json");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var figures = JsonNode.Parse(run.Stdout)!;
        figures["scenario"]!.GetValue<string>().ShouldBe("home-page");
        figures["provider"]!.GetValue<string>().ShouldBe("sqlite");
        figures["accounts"]!.GetValue<int>().ShouldBe(2000);
        figures["workItems"]!.GetValue<int>().ShouldBe(500);
        figures["ledgerLines"]!.GetValue<long>().ShouldBe(2000L * 22);
        figures["liveEntries"]!.GetValue<long>().ShouldBe(1000);
        figures["ledgerSumOnceMs"]!.GetValue<double>().ShouldBeGreaterThan(0);
        // Officer 1 has every twentieth assigned item and the unassigned third of their team's: a fifth of that third.
        figures["myWorkTotal"]!.GetValue<int>().ShouldBeGreaterThan(25);
        foreach (var page in new[] { "dashboard", "myWork" })
        {
            var p = figures[page]!;
            p["p50Ms"]!.GetValue<double>().ShouldBeGreaterThan(0, page);
            p["p95Ms"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(p["p50Ms"]!.GetValue<double>(), page);
            p["p99Ms"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(p["p95Ms"]!.GetValue<double>(), page);
            p["baselineP50Ms"]!.GetValue<double>().ShouldBeGreaterThan(0, page);
            p["ratio"]!.GetValue<double>().ShouldBe(p["p50Ms"]!.GetValue<double>() / p["baselineP50Ms"]!.GetValue<double>(), 1e-9);
            p["targetP95Ms"]!.GetValue<double>().ShouldBe(200);
            p["pass"]!.GetValue<bool>().ShouldBe(p["p95Ms"]!.GetValue<double>() < 200, page);
        }
    }

    [Fact]
    public async Task Home_page_bench_prints_a_table_with_a_verdict_for_each_page()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync("bench", "home-page", "--accounts", "500", "--work-items", "200", "--reads", "5", "--db", folder.File("bench.db"));

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("Collection dashboard");
        run.Stdout.ShouldContain("My work");
        run.Stdout.ShouldContain("p95");
        run.Stdout.ShouldContain("< 200 ms");
        (run.Stdout.Split("PASS").Length - 1 + run.Stdout.Split("FAIL").Length - 1).ShouldBe(2);
    }
}
