using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reeve.Bench;
using Reeve.Cli.Features.Benchmark;
using Spectre.Console;

namespace Reeve.Cli.Features.RunRecovery;

/// <summary>
/// `reeve bench recovery`: sets up N council tax accounts in a scratch database with 15% in arrears, then times
/// reading every account's rows as the run reads them (the baseline) and the whole recovery run: read, evaluate
/// and write the notices, events and costs (bench/Reeve.Bench/RecoveryScenario.cs). A measurement: the exit code is
/// 0 whatever the figures, and non-zero only if it could not measure.
/// </summary>
internal static class RecoveryBenchCommand
{
    public static Command Create(CliHost host)
    {
        var accounts = CliOptions.WholeNumber("--accounts", "How many council tax accounts", RecoveryBenchOptions.DefaultAccounts, minimum: 1, maximum: 9_999_999);
        var arrears = CliOptions.WholeNumber("--arrears-percent", "The share of accounts in arrears", RecoveryBenchOptions.DefaultArrearsPercent, minimum: 0, maximum: 100);
        var chunk = CliOptions.WholeNumber("--chunk", "Accounts read, decided and written per transaction", Reeve.Recovery.RecoveryRunOptions.DefaultChunkSize, minimum: 1, maximum: 1_000_000);
        var seed = CliOptions.WholeNumber("--seed", "Seed for the accounts and payments", RecoveryBenchOptions.DefaultSeed, minimum: 0);
        var json = BenchCommand.JsonOption();
        var keep = BenchCommand.KeepOption();
        var command = new Command("recovery",
            "Evaluate every account's recovery and write the actions through Reeve, against only reading the same rows. " +
            BenchCommand.WhereItRuns)
        {
            accounts, arrears, chunk, seed, json, keep,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new RecoveryBenchOptions(parsed.GetValue(accounts), parsed.GetValue(arrears), parsed.GetValue(chunk), parsed.GetValue(seed));
            return await BenchCommand.RunScenarioAsync(host, parsed, "recovery", parsed.GetValue(json), parsed.GetValue(keep),
                scratch => $"Recovery benchmark: {options.Accounts:N0} accounts, {options.ArrearsPercent}% in arrears, run on {RecoveryScenario.RunDate:uuuu-MM-dd} in {Markup.Escape(scratch.Description)}",
                (scratch, progress) => RecoveryScenario.RunAsync(scratch, options, host.Clock, progress, ct), ToJson, ToTable, ct);
        });
        return command;
    }

    private static Table ToTable(RecoveryFigures f)
    {
        var table = new Table()
            .Title($"Recovery run, {f.Provider}: {f.Options.Accounts:N0} accounts, chunks of {f.Options.ChunkSize:N0}")
            .AddColumns("Figure", "Reeve", "Baseline", "Ratio", "Target", "Result");
        table.AddRow(
            "Evaluate and write",
            $"{f.Run.TotalSeconds:N2} s ({f.Report.NoticesWritten:N0} notices and steps)",
            $"{f.ReadOnly.TotalSeconds:N2} s (reading the same {f.RowsRead:N0} rows only)",
            $"{f.Ratio:N2}x",
            $"< {RecoveryFigures.RunTarget.TotalSeconds:N0} s",
            BenchCommand.Verdict(f.RunPasses));
        table.AddRow("Peak memory", $"{BenchCommand.Mib(f.PeakWorkingSetBytes)} working set", $"{BenchCommand.Mib(f.PeakManagedBytes)} managed heap", "", $"< {BenchCommand.Mib(RecoveryFigures.MemoryTargetBytes)}", BenchCommand.Verdict(f.MemoryPasses));
        foreach (var (stage, count) in f.Report.ByStage)
        {
            table.AddRow($"  {Markup.Escape(Reeve.Recovery.Domain.RecoveryStages.Title(stage))}", $"{count:N0}", "", "", "", "");
        }

        table.AddRow("Set up the council", $"{f.Setup.TotalSeconds:N2} s", "", "", "", "");
        table.Caption(Markup.Escape($"{f.Database}. Memory: {f.PeakWorkingSetMeasure}."));
        return table;
    }

    private static JsonObject ToJson(RecoveryFigures f)
    {
        var stages = new JsonObject();
        foreach (var (stage, count) in f.Report.ByStage)
        {
            stages[stage] = count;
        }

        return new JsonObject
        {
            ["scenario"] = "recovery",
            ["provider"] = f.Provider,
            ["database"] = f.Database,
            ["accounts"] = f.Options.Accounts,
            ["arrearsPercent"] = f.Options.ArrearsPercent,
            ["chunk"] = f.Options.ChunkSize,
            ["setupSeconds"] = f.Setup.TotalSeconds,
            ["runSeconds"] = f.Run.TotalSeconds,
            ["readOnlySeconds"] = f.ReadOnly.TotalSeconds,
            ["rowsRead"] = f.RowsRead,
            ["ratio"] = f.Ratio,
            ["targetSeconds"] = RecoveryFigures.RunTarget.TotalSeconds,
            ["pass"] = f.RunPasses,
            ["peakWorkingSetBytes"] = f.PeakWorkingSetBytes,
            ["memoryPass"] = f.MemoryPasses,
            ["notices"] = f.Report.NoticesWritten,
            ["stages"] = stages,
        };
    }
}
