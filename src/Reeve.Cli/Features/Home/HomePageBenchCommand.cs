using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reeve.Bench;
using Reeve.Cli.Features.Benchmark;
using Spectre.Console;

namespace Reeve.Cli.Features.Home;

/// <summary>
/// `reeve bench home-page`: an officer's "My work" and the collection dashboard at a million accounts and 50,000 open
/// work items, each against reading as many rows by primary key (bench/Reeve.Bench/HomePageScenario.cs).
/// </summary>
internal static class HomePageBenchCommand
{
    public static Command Create(CliHost host)
    {
        var accounts = CliOptions.WholeNumber("--accounts", "How many accounts the council has", HomePageBenchOptions.DefaultAccounts, minimum: 100, maximum: 9_999_999);
        var workItems = CliOptions.WholeNumber("--work-items", "How many open work items the queue holds", HomePageBenchOptions.DefaultWorkItems, minimum: 100, maximum: 9_999_999);
        var reads = CliOptions.WholeNumber("--reads", "How many times to read each page", HomePageBenchOptions.DefaultReads, minimum: 1);
        var json = BenchCommand.JsonOption();
        var keep = BenchCommand.KeepOption();
        var command = new Command("home-page",
            "Load a council of --accounts accounts with two years of ledger and --work-items open work items, then time an officer's " +
            "\"My work\" and the collection dashboard against reading as many rows by primary key. " + BenchCommand.WhereItRuns)
        {
            accounts, workItems, reads, json, keep,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new HomePageBenchOptions(parsed.GetValue(accounts), parsed.GetValue(workItems), parsed.GetValue(reads));
            return await BenchCommand.RunScenarioAsync(host, parsed, "home-page", parsed.GetValue(json), parsed.GetValue(keep),
                scratch => $"Home page benchmark: {options.Accounts:N0} accounts, {options.WorkItems:N0} open work items in {Markup.Escape(scratch.Description)}",
                (scratch, progress) => HomePageScenario.RunAsync(scratch, options, host.Clock, progress, ct), ToJson, ToTable, ct);
        });
        return command;
    }

    private static string Ms(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static Table ToTable(HomePageFigures f)
    {
        var table = new Table()
            .Title($"Home page, {f.Provider}: {f.Options.Accounts:N0} accounts, {f.LedgerLines:N0} ledger lines, {f.Options.WorkItems:N0} open work items")
            .AddColumns("Figure", "Page", "Baseline (as many rows by primary key)", "Ratio", "Target", "Result");
        void Page(string name, LatencyFigures page, LatencyFigures baseline, bool passes)
        {
            table.AddRow($"{name}, p50", Ms(page.P50Ms), Ms(baseline.P50Ms), $"{page.P50Ms / baseline.P50Ms:N2}x", "", "");
            table.AddRow($"{name}, p95", Ms(page.P95Ms), Ms(baseline.P95Ms), $"{page.P95Ms / baseline.P95Ms:N2}x",
                $"< {HomePageFigures.TargetP95Ms:N0} ms", BenchCommand.Verdict(passes));
            table.AddRow($"{name}, p99", Ms(page.P99Ms), Ms(baseline.P99Ms), $"{page.P99Ms / baseline.P99Ms:N2}x", "", "");
        }

        Page($"Collection dashboard ({f.DashboardRows} rows)", f.Dashboard, f.DashboardBaseline, f.DashboardPasses);
        Page($"My work ({f.MyWorkRows} rows of {f.MyWorkTotal:N0} items)", f.MyWork, f.MyWorkBaseline, f.MyWorkPasses);
        table.AddRow("Dashboard summing the whole ledger (before; one read)", Ms(f.LedgerSumOnce.TotalMilliseconds), "", "", "", "");
        table.AddRow("Summary built from the whole ledger", $"{f.SummaryBuild.TotalSeconds:N1} s", "", "", "", "");
        table.AddRow("Entries above the watermark (summed live)", $"{f.LiveEntries:N0}", "", "", "", "");
        table.AddRow("Load", $"{f.Load.TotalSeconds:N1} s", "", "", "", "");
        table.Caption(Markup.Escape(f.Database));
        return table;
    }

    private static JsonObject Latency(LatencyFigures page, LatencyFigures baseline, bool passes) => new()
    {
        ["p50Ms"] = page.P50Ms,
        ["p95Ms"] = page.P95Ms,
        ["p99Ms"] = page.P99Ms,
        ["baselineP50Ms"] = baseline.P50Ms,
        ["baselineP95Ms"] = baseline.P95Ms,
        ["baselineP99Ms"] = baseline.P99Ms,
        ["ratio"] = page.P50Ms / baseline.P50Ms,
        ["targetP95Ms"] = HomePageFigures.TargetP95Ms,
        ["pass"] = passes,
    };

    private static JsonObject ToJson(HomePageFigures f) => new()
    {
        ["scenario"] = "home-page",
        ["provider"] = f.Provider,
        ["database"] = f.Database,
        ["accounts"] = f.Options.Accounts,
        ["workItems"] = f.Options.WorkItems,
        ["reads"] = f.Options.Reads,
        ["ledgerLines"] = f.LedgerLines,
        ["loadSeconds"] = f.Load.TotalSeconds,
        ["summaryBuildSeconds"] = f.SummaryBuild.TotalSeconds,
        ["liveEntries"] = f.LiveEntries,
        ["ledgerSumOnceMs"] = f.LedgerSumOnce.TotalMilliseconds,
        ["dashboard"] = Latency(f.Dashboard, f.DashboardBaseline, f.DashboardPasses),
        ["myWork"] = Latency(f.MyWork, f.MyWorkBaseline, f.MyWorkPasses),
        ["myWorkTotal"] = f.MyWorkTotal,
    };
}
