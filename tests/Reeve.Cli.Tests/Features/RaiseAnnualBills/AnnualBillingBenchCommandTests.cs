using System.Text.Json.Nodes;

namespace Reeve.Cli.Tests.Features.RaiseAnnualBills;

public class AnnualBillingBenchCommandTests
{
    [Fact]
    public async Task Annual_billing_bench_on_a_temporary_sqlite_file_reports_its_figures_as_json()
    {
        var run = await CliRun.RunAsync("bench", "annual-billing", "--dwellings", "200", "--json");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var figures = JsonNode.Parse(run.Stdout)!;
        figures["provider"]!.GetValue<string>().ShouldBe("sqlite");
        figures["dwellings"]!.GetValue<int>().ShouldBe(200);
        figures["billsIssued"]!.GetValue<int>().ShouldBe(200);
        figures["reeveSeconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        figures["baselineSeconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        figures["physicalSeconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        figures["ratio"]!.GetValue<double>().ShouldBe(figures["reeveSeconds"]!.GetValue<double>() / figures["physicalSeconds"]!.GetValue<double>(), 1e-9);
        figures["dwellingsPerSecond"]!.GetValue<double>().ShouldBeGreaterThan(0);
        figures["memory"]!["peakWorkingSetBytes"]!.GetValue<long>().ShouldBeGreaterThan(0);
        // Every table the run wrote is written again by the baseline, row for row.
        var tables = figures["tables"]!.AsArray().Select(t => (t!["table"]!.GetValue<string>(), t["rows"]!.GetValue<long>())).ToList();
        tables.Select(t => t.Item1).ShouldBe(["account", "account_party", "ledger_posting", "ledger_line", "bill", "instalment", "account_event"]);
        tables.ShouldContain(("bill", 200L));
        tables.ShouldContain(("instalment", 2000L));
        tables.ShouldContain(("ledger_line", 200L));
    }

    [Fact]
    public async Task Annual_billing_bench_prints_a_table_with_a_verdict_per_target()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync("bench", "annual-billing", "--dwellings", "50", "--db", folder.File("bench.db"));

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("Bill the year");
        run.Stdout.ShouldContain("bare tables");
        run.Stdout.ShouldContain("Peak memory");
        (run.Stdout.Contains("PASS") || run.Stdout.Contains("FAIL")).ShouldBeTrue();
    }
}
