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
            "Import a generated bank CSV statement through Reeve (matching, allocation, suspense), step by step, against a raw load of the same lines and the physical baseline (parse, and binary COPY into a bare table), then import it again. " +
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
        static string X(double ratio) => ratio.ToString("0.0", CultureInfo.InvariantCulture) + "x";
        var table = new Table().AddColumns("Measure", "Figure", "Target", "");
        table.AddRow("Import, match and allocate", S(f.Import), $"< {PaymentsFigures.ImportTargetSeconds:0} s", BenchCommand.Verdict(f.ImportPasses));
        foreach (var (step, time) in f.Phases)
        {
            table.AddRow($"  {Markup.Escape(step)}", $"{S(time)} ({time / f.Import:P0})", "", "");
        }

        table.AddRow($"Raw load of the same lines ({f.BaselineMethod} of the text)", S(f.Baseline), "", "");
        table.AddRow("Ratio to the raw load", X(f.Ratio), "", "");
        table.AddRow("Raw parse of the file (typed lines, no database)", S(f.RawParse), "", "");
        table.AddRow($"Physical baseline: parse and {f.PhysicalMethod} into a bare table with only a primary key", S(f.Physical), "", "");
        table.AddRow("Ratio to the physical baseline", X(f.PhysicalRatio), $"<= {PaymentsFigures.PhysicalRatioTarget:0}x", BenchCommand.Verdict(f.PhysicalRatioPasses));
        table.AddRow("Ratio without the ledger post", X((f.Import - f.LedgerPost) / f.Physical), "", "");
        table.AddRow("Peak memory during the import (working set)", $"{f.PeakWorkingSetBytes / (1024 * 1024):N0} MiB", $"< {PaymentsFigures.MemoryTargetBytes / (1024 * 1024):N0} MiB", BenchCommand.Verdict(f.MemoryPasses));
        table.AddRow("Re-import of the same file", S(f.Reimport) + (f.ReimportPostedNothing ? ", posted nothing" : ", POSTED AGAIN"), $"< {PaymentsFigures.ReimportTargetSeconds:0} s", BenchCommand.Verdict(f.ReimportPasses));
        table.AddRow("Posted / to suspense", $"{f.Posted:N0} / {f.Suspended:N0}", "", "");
        return table;
    }

    private static JsonObject ToJson(PaymentsFigures f)
    {
        var phases = new JsonObject();
        foreach (var (step, time) in f.Phases)
        {
            phases[step] = time.TotalSeconds;
        }

        return new JsonObject
        {
            ["scenario"] = "payments",
            ["provider"] = f.Provider,
            ["lines"] = f.Options.Lines,
            ["accounts"] = f.Options.Accounts,
            ["importSeconds"] = f.Import.TotalSeconds,
            ["phaseSeconds"] = phases,
            ["baselineSeconds"] = f.Baseline.TotalSeconds,
            ["baselineMethod"] = f.BaselineMethod,
            ["ratio"] = f.Ratio,
            ["rawParseSeconds"] = f.RawParse.TotalSeconds,
            ["physicalSeconds"] = f.Physical.TotalSeconds,
            ["physicalMethod"] = f.PhysicalMethod,
            ["physicalRatio"] = f.PhysicalRatio,
            ["reimportSeconds"] = f.Reimport.TotalSeconds,
            ["reimportPostedNothing"] = f.ReimportPostedNothing,
            ["peakWorkingSetBytes"] = f.PeakWorkingSetBytes,
            ["posted"] = f.Posted,
            ["suspended"] = f.Suspended,
        };
    }
}
