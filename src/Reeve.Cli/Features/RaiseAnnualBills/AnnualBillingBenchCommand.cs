using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reeve.Bench;
using Reeve.Cli.Features.Benchmark;
using Reeve.Kernel;
using Spectre.Console;

namespace Reeve.Cli.Features.RaiseAnnualBills;

/// <summary>
/// `reeve bench annual-billing`: sets up a council of N dwellings in a scratch database, bills the year through
/// Reeve, and times that against a raw write of the same rows (bench/Reeve.Bench/AnnualBillingScenario.cs).
/// A measurement: the exit code is 0 whatever the figures, and non-zero only if it could not measure.
/// </summary>
internal static class AnnualBillingBenchCommand
{
    public static Command Create(CliHost host)
    {
        var dwellings = CliOptions.WholeNumber("--dwellings", "How many dwellings the council has", AnnualBillingBenchOptions.DefaultDwellings, minimum: 1, maximum: 20_000_000);
        var year = CliOptions.WholeNumber("--year", "The financial year billed", AnnualBillingBenchOptions.DefaultYear, minimum: 1993, maximum: 9998);
        var chunk = CliOptions.WholeNumber("--chunk", "Dwellings billed per transaction", Reeve.CouncilTax.RaiseAnnualBills.ChunkSize, minimum: 1, maximum: 1_000_000);
        var seed = CliOptions.WholeNumber("--seed", "Seed for the households and bands", AnnualBillingBenchOptions.DefaultSeed, minimum: 0);
        var json = BenchCommand.JsonOption();
        var keep = BenchCommand.KeepOption();
        var command = new Command("annual-billing",
            "Bill a council's dwellings for a year through Reeve, and write the same rows raw into identical tables. " +
            BenchCommand.WhereItRuns)
        {
            dwellings, year, chunk, seed, json, keep,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new AnnualBillingBenchOptions(parsed.GetValue(dwellings), parsed.GetValue(year), parsed.GetValue(chunk), parsed.GetValue(seed));
            return await BenchCommand.RunScenarioAsync(host, parsed, "annual-billing", parsed.GetValue(json), parsed.GetValue(keep),
                scratch => $"Annual billing benchmark: {options.Dwellings:N0} dwellings, {options.Year}/{(options.Year + 1) % 100:00} in {Markup.Escape(scratch.Description)}",
                (scratch, progress) => AnnualBillingScenario.RunAsync(scratch, options, host.Clock, progress, ct), ToJson, ToTable, ct);
        });
        return command;
    }

    private static Table ToTable(AnnualBillingFigures f)
    {
        var table = new Table()
            .Title($"Annual billing, {f.Provider}: {f.Options.Dwellings:N0} dwellings, {f.Report.BillsIssued:N0} bills, chunks of {f.Options.ChunkSize:N0}")
            .AddColumns("Figure", "Reeve", "Baseline", "Ratio", "Target", "Result");
        table.AddRow(
            "Bill the year",
            $"{f.Reeve.TotalSeconds:N2} s ({f.DwellingsPerSecond:N0} dwellings/s)",
            $"{f.Physical.TotalSeconds:N2} s ({Markup.Escape(f.BaselineMethod)} of the same {f.Tables.Sum(t => t.Rows):N0} rows, bare tables)",
            $"{f.Ratio:N2}x",
            $"<= {AnnualBillingFigures.RatioTarget:N1}x",
            BenchCommand.Verdict(f.RatioPasses));
        table.AddRow(
            "Bill the year, same tables",
            "",
            $"{f.Baseline.TotalSeconds:N2} s ({Markup.Escape(f.BaselineMethod)} of the same rows, Reeve's tables)",
            $"{f.SameTableRatio:N2}x",
            "",
            "");
        table.AddRow(
            "Peak memory",
            $"{BenchCommand.Mib(f.PeakWorkingSetBytes)} working set",
            $"{BenchCommand.Mib(f.PeakManagedBytes)} managed heap",
            "",
            $"< {BenchCommand.Mib(AnnualBillingFigures.MemoryTargetBytes)}",
            BenchCommand.Verdict(f.MemoryPasses));
        foreach (var t in f.Tables)
        {
            table.AddRow($"  {t.Table}", "", $"{t.Physical.TotalSeconds:N2} s bare, {t.Baseline.TotalSeconds:N2} s same shape ({t.Rows:N0} rows)", "", "", "");
        }

        table.AddRow("Set up the council", $"{f.Setup.TotalSeconds:N2} s", "", "", "", "");
        table.Caption(Markup.Escape($"{f.Database}. Bare tables: the same columns with only the primary key. Memory: {f.PeakWorkingSetMeasure}; managed heap is the highest GC.GetTotalMemory sampled every 20 ms."));
        return table;
    }

    private static JsonObject ToJson(AnnualBillingFigures f) => new()
    {
        ["scenario"] = "annual-billing",
        ["provider"] = f.Provider,
        ["database"] = f.Database,
        ["dwellings"] = f.Options.Dwellings,
        ["year"] = f.Options.Year,
        ["chunkSize"] = f.Options.ChunkSize,
        ["seed"] = f.Options.Seed,
        ["setupSeconds"] = f.Setup.TotalSeconds,
        ["billsIssued"] = f.Report.BillsIssued,
        ["newAccounts"] = f.Report.NewAccounts,
        ["totalChargedPence"] = f.Report.Total.Pence,
        ["reeveSeconds"] = f.Reeve.TotalSeconds,
        ["baselineSeconds"] = f.Baseline.TotalSeconds,
        ["physicalSeconds"] = f.Physical.TotalSeconds,
        ["baselineMethod"] = f.BaselineMethod,
        ["ratio"] = f.Ratio,
        ["sameTableRatio"] = f.SameTableRatio,
        ["targetRatio"] = AnnualBillingFigures.RatioTarget,
        ["pass"] = f.RatioPasses,
        ["dwellingsPerSecond"] = f.DwellingsPerSecond,
        ["memory"] = new JsonObject
        {
            ["peakWorkingSetBytes"] = f.PeakWorkingSetBytes,
            ["measure"] = f.PeakWorkingSetMeasure,
            ["peakManagedBytes"] = f.PeakManagedBytes,
            ["targetBytes"] = AnnualBillingFigures.MemoryTargetBytes,
            ["pass"] = f.MemoryPasses,
        },
        ["tables"] = new JsonArray([.. f.Tables.Select(t => (JsonNode)new JsonObject
        {
            ["table"] = t.Table,
            ["rows"] = t.Rows,
            ["baselineSeconds"] = t.Baseline.TotalSeconds,
            ["physicalSeconds"] = t.Physical.TotalSeconds,
        })]),
    };
}
