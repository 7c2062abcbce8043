using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reeve.Bench;
using Reeve.Cli.Features.Benchmark;
using Spectre.Console;

namespace Reeve.Cli.Features.ViewPerson;

/// <summary>`reeve bench person-page`: the person page's reads against the same rows read by primary key (bench/Reeve.Bench/PersonPageScenario.cs).</summary>
internal static class PersonPageBenchCommand
{
    public static Command Create(CliHost host)
    {
        var accounts = CliOptions.WholeNumber("--accounts", "How many accounts the council has", PersonPageBenchOptions.DefaultAccounts, minimum: 100, maximum: 9_999_999);
        var reads = CliOptions.WholeNumber("--reads", "How many times to read the person page", PersonPageBenchOptions.DefaultReads, minimum: 1);
        var json = BenchCommand.JsonOption();
        var keep = BenchCommand.KeepOption();
        var command = new Command("person-page",
            "Load a council of --accounts accounts and a person with 20 accounts and 5 years of history, then time the person page " +
            "against reading the same rows by primary key. " + BenchCommand.WhereItRuns)
        {
            accounts, reads, json, keep,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new PersonPageBenchOptions(parsed.GetValue(accounts), parsed.GetValue(reads));
            return await BenchCommand.RunScenarioAsync(host, parsed, "person-page", parsed.GetValue(json), parsed.GetValue(keep),
                scratch => $"Person page benchmark: {options.Accounts:N0} accounts in {Markup.Escape(scratch.Description)}",
                (scratch, progress) => PersonPageScenario.RunAsync(scratch, options, host.Clock, progress, ct), ToJson, ToTable, ct);
        });
        return command;
    }

    private static string Ms(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static Table ToTable(PersonPageFigures f)
    {
        var table = new Table()
            .Title($"Person page, {f.Provider}: {f.Options.Accounts:N0} accounts; a person with {PersonPageBenchOptions.PersonAccounts} accounts and {PersonPageBenchOptions.Years} years ({f.RowsRead:N0} rows)")
            .AddColumns("Figure", "Person page", "Baseline (same rows by primary key)", "Ratio", "Target", "Result");
        table.AddRow("p50", Ms(f.Page.P50Ms), Ms(f.Baseline.P50Ms), $"{f.Ratio:N2}x", "", "");
        table.AddRow("p99", Ms(f.Page.P99Ms), Ms(f.Baseline.P99Ms), $"{f.Page.P99Ms / f.Baseline.P99Ms:N2}x", $"< {PersonPageFigures.TargetP99Ms:N0} ms",
            f.Passes ? "[green]PASS[/]" : "[red]FAIL[/]");
        table.AddRow("mean", Ms(f.Page.MeanMs), Ms(f.Baseline.MeanMs), "", "", "");
        table.AddRow("Load", $"{f.Load.TotalSeconds:N1} s", "", "", "", "");
        table.Caption(Markup.Escape(f.Database));
        return table;
    }

    private static JsonObject ToJson(PersonPageFigures f) => new()
    {
        ["scenario"] = "person-page",
        ["provider"] = f.Provider,
        ["database"] = f.Database,
        ["accounts"] = f.Options.Accounts,
        ["reads"] = f.Options.Reads,
        ["rowsRead"] = f.RowsRead,
        ["loadSeconds"] = f.Load.TotalSeconds,
        ["p50Ms"] = f.Page.P50Ms,
        ["p99Ms"] = f.Page.P99Ms,
        ["baselineP50Ms"] = f.Baseline.P50Ms,
        ["baselineP99Ms"] = f.Baseline.P99Ms,
        ["ratio"] = f.Ratio,
        ["targetP99Ms"] = PersonPageFigures.TargetP99Ms,
        ["pass"] = f.Passes,
    };
}
