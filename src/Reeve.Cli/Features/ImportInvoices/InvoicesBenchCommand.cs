using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reeve.Bench;
using Reeve.Cli.Features.Benchmark;
using Spectre.Console;

namespace Reeve.Cli.Features.ImportInvoices;

/// <summary>`reeve bench invoices --lines N`: import a receivables extract with customer matching against a raw load of the same lines, then import it again.</summary>
internal static class InvoicesBenchCommand
{
    public static Command Create(CliHost host)
    {
        var lines = CliOptions.WholeNumber("--lines", "How many invoice lines the file has", InvoicesBenchOptions.DefaultLines, minimum: 1, maximum: 50_000_000);
        var seed = CliOptions.WholeNumber("--seed", "Seed for the file", InvoicesBenchOptions.DefaultSeed, minimum: 0);
        var json = BenchCommand.JsonOption();
        var keep = BenchCommand.KeepOption();
        var command = new Command("invoices",
            "Import a generated sundry invoice file through Reeve (checks, customer matching, an account and a charge per invoice) against a raw load of the same lines, then import it again. " +
            BenchCommand.WhereItRuns)
        {
            lines, seed, json, keep,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new InvoicesBenchOptions(parsed.GetValue(lines), parsed.GetValue(seed));
            return await BenchCommand.RunScenarioAsync(host, parsed, "invoices", parsed.GetValue(json), parsed.GetValue(keep),
                scratch => $"Sundry invoices benchmark: a {options.Lines:N0}-line receivables file in {Markup.Escape(scratch.Description)}",
                (scratch, progress) => InvoicesScenario.RunAsync(scratch, options, host.Clock, progress, ct), ToJson, ToTable, ct);
        });
        return command;
    }

    private static Table ToTable(InvoicesFigures f)
    {
        static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        var table = new Table().AddColumns("Measure", "Figure", "Target", "");
        table.AddRow("Import with customer matching", S(f.Import), "", "");
        table.AddRow($"Raw load of the same lines ({f.BaselineMethod})", S(f.Baseline), "", "");
        table.AddRow("Ratio to the raw load", f.Ratio.ToString("0.0", CultureInfo.InvariantCulture) + "x", $"<= {InvoicesFigures.RatioTarget:0}x", BenchCommand.Verdict(f.RatioPasses));
        table.AddRow("Peak memory during the import (working set)", $"{f.PeakWorkingSetBytes / (1024 * 1024):N0} MiB", "< 1,024 MiB", BenchCommand.Verdict(f.MemoryPasses));
        table.AddRow("Invoices charged / ledger entries", $"{f.Invoices:N0} / {f.EntriesPosted:N0}", "", "");
        table.AddRow("Customers matched / created", $"{f.CustomersMatched:N0} / {f.CustomersCreated:N0}", "", "");
        table.AddRow("Re-import of the same file", S(f.ReimportSameFile) + (f.SameFilePostedNothing ? ", posted nothing" : ", POSTED AGAIN"), "nothing posted", BenchCommand.Verdict(f.SameFilePostedNothing));
        table.AddRow("The same invoices in a new file", S(f.ReimportSameInvoices) + (f.SameInvoicesPostedNothing ? ", posted nothing" : ", POSTED AGAIN"), "nothing posted", BenchCommand.Verdict(f.SameInvoicesPostedNothing));
        return table;
    }

    private static JsonObject ToJson(InvoicesFigures f) => new()
    {
        ["scenario"] = "invoices",
        ["provider"] = f.Provider,
        ["lines"] = f.Options.Lines,
        ["importSeconds"] = f.Import.TotalSeconds,
        ["baselineSeconds"] = f.Baseline.TotalSeconds,
        ["baselineMethod"] = f.BaselineMethod,
        ["ratio"] = f.Ratio,
        ["peakWorkingSetBytes"] = f.PeakWorkingSetBytes,
        ["invoices"] = f.Invoices,
        ["entriesPosted"] = f.EntriesPosted,
        ["customersMatched"] = f.CustomersMatched,
        ["customersCreated"] = f.CustomersCreated,
        ["reimportSameFileSeconds"] = f.ReimportSameFile.TotalSeconds,
        ["sameFilePostedNothing"] = f.SameFilePostedNothing,
        ["reimportSameInvoicesSeconds"] = f.ReimportSameInvoices.TotalSeconds,
        ["sameInvoicesPostedNothing"] = f.SameInvoicesPostedNothing,
    };
}
