using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reeve.Bench;
using Reeve.Cli.Features.Benchmark;
using Spectre.Console;

namespace Reeve.Cli.Features.ImportPayments;

/// <summary>`reeve bench payments --lines N`: import, match and allocate a bank statement against a raw load of the same lines, then re-import it.</summary>
internal static class PaymentsBenchCommand
{
    public static Command Create(CliHost host)
    {
        var lines = CliOptions.WholeNumber("--lines", "How many lines the bank statement has", PaymentsBenchOptions.DefaultLines, minimum: 1);
        var accounts = CliOptions.WholeNumber("--accounts", "How many accounts the payments name", PaymentsBenchOptions.DefaultAccounts, minimum: 1, maximum: 9_999_999);
        var seed = CliOptions.WholeNumber("--seed", "Seed for the statement", PaymentsBenchOptions.DefaultSeed, minimum: 0);
        var json = BenchCommand.JsonOption();
        var keep = BenchCommand.KeepOption();
        var command = new Command("payments",
            "Import a generated bank CSV statement through Reeve (matching, allocation, suspense) against a raw load of the same lines, then import it again. " +
            BenchCommand.WhereItRuns)
        {
            lines, accounts, seed, json, keep,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new PaymentsBenchOptions(parsed.GetValue(lines), parsed.GetValue(accounts), parsed.GetValue(seed));
            return await BenchCommand.RunScenarioAsync(host, parsed, "payments", parsed.GetValue(json), parsed.GetValue(keep),
                scratch => $"Payments benchmark: a {options.Lines:N0}-line bank statement naming {options.Accounts:N0} accounts in {Markup.Escape(scratch.Description)}",
                (scratch, progress) => PaymentsScenario.RunAsync(scratch, options, host.Clock, progress, ct), ToJson, ToTable, ct);
        });
        return command;
    }

    private static Table ToTable(PaymentsFigures f)
    {
        static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        var table = new Table().AddColumns("Measure", "Figure", "Target", "");
        table.AddRow("Import, match and allocate", S(f.Import), $"< {PaymentsFigures.ImportTargetSeconds:0} s", BenchCommand.Verdict(f.ImportPasses));
        table.AddRow($"Raw load of the same lines ({f.BaselineMethod})", S(f.Baseline), "", "");
        table.AddRow("Ratio to the raw load", f.Ratio.ToString("0.0", CultureInfo.InvariantCulture) + "x", "", "");
        table.AddRow("Peak memory during the import (working set)", $"{f.PeakWorkingSetBytes / (1024 * 1024):N0} MiB", "< 1,024 MiB", BenchCommand.Verdict(f.MemoryPasses));
        table.AddRow("Re-import of the same file", S(f.Reimport) + (f.ReimportPostedNothing ? ", posted nothing" : ", POSTED AGAIN"), $"< {PaymentsFigures.ReimportTargetSeconds:0} s", BenchCommand.Verdict(f.ReimportPasses));
        table.AddRow("Posted / to suspense", $"{f.Posted:N0} / {f.Suspended:N0}", "", "");
        return table;
    }

    private static JsonObject ToJson(PaymentsFigures f) => new()
    {
        ["scenario"] = "payments",
        ["provider"] = f.Provider,
        ["lines"] = f.Options.Lines,
        ["accounts"] = f.Options.Accounts,
        ["importSeconds"] = f.Import.TotalSeconds,
        ["baselineSeconds"] = f.Baseline.TotalSeconds,
        ["baselineMethod"] = f.BaselineMethod,
        ["ratio"] = f.Ratio,
        ["reimportSeconds"] = f.Reimport.TotalSeconds,
        ["reimportPostedNothing"] = f.ReimportPostedNothing,
        ["peakWorkingSetBytes"] = f.PeakWorkingSetBytes,
        ["posted"] = f.Posted,
        ["suspended"] = f.Suspended,
    };
}
