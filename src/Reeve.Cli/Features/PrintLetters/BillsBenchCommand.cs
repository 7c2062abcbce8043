using Reeve.Cli.Features.Benchmark;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reeve.Bench;
using Reeve.Letters;
using Spectre.Console;

namespace Reeve.Cli.Features.PrintLetters;

/// <summary>
/// `reeve bench bills --count 100000`: renders two-page demand notices into print files and reports pages per
/// second and peak memory against a baseline of the same letters' text without layout, measured in the same run
/// (bench/Reeve.Bench/BillsScenario.cs). A measurement: the exit code is 0 whatever the figures.
/// </summary>
internal static class BillsBenchCommand
{
    public static Command Create(CliHost host)
    {
        var count = CliOptions.WholeNumber("--count", "How many two-page demand notices to render", BillsBenchOptions.DefaultCount, minimum: 1, maximum: 50_000_000);
        var perFile = CliOptions.WholeNumber("--letters-per-file", "Letters in each print PDF", Reeve.Letters.PrintRun.LettersPerFile, minimum: 1, maximum: 100_000);
        var parallel = CliOptions.WholeNumber("--parallel", "Print files rendered at once (default: one per processor)", Environment.ProcessorCount, minimum: 1, maximum: 256);
        var output = new Option<string?>("--out") { Description = "The folder for the print files (default: a temporary folder, deleted afterwards)", HelpName = "folder" };
        var renderer = new Option<string>("--renderer")
        {
            Description = $"The PDF renderer: {string.Join(", ", BillsScenario.Renderers.Select(r => r.Name))}, or several with commas (\"own-untagged,own,pdfsharp\") to measure each on the same bills in one run",
            HelpName = "name",
            DefaultValueFactory = _ => LetterPdf.PrintFiles.Name,
        };
        renderer.Validators.Add(result =>
        {
            var unknown = Names(result.GetValueOrDefault<string>()).Where(n => !BillsScenario.Renderers.Any(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0)
            {
                result.AddError($"--renderer: there is no renderer called {string.Join(", ", unknown)}; there are {string.Join(", ", BillsScenario.Renderers.Select(r => r.Name))}");
            }
        });
        var json = BenchCommand.JsonOption();
        var command = new Command("bills", "Render council tax demand notices into print PDFs, timed against writing the same letters' text without layout")
        {
            count, perFile, parallel, renderer, output, json,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new BillsBenchOptions(parsed.GetValue(count), parsed.GetValue(perFile), parsed.GetValue(parallel), Names(parsed.GetValue(renderer)));
            var given = parsed.GetValue(output);
            var folder = given ?? Path.Combine(Path.GetTempPath(), "reeve-bench-bills-" + Guid.NewGuid().ToString("N"));
            var asJson = parsed.GetValue(json);
            var console = asJson ? host.Err : host.Out;
            console.MarkupLine(Markup.Escape($"Bills benchmark: {options.Count:N0} demand notices, {options.LettersPerFile:N0} a file, {options.Parallelism} at once, renderer {string.Join(" then ", options.Renderers)}, into {folder}"));
            try
            {
                var figures = await ProgressBars.RunAsync(console, bars =>
                    BillsScenario.RunAsync(folder, options, bars.For<BenchProgress>(p => (p.Stage, p.Done, p.Total)), ct));
                if (asJson)
                {
                    await host.Stdout.WriteLineAsync(ToJson(figures).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                }
                else
                {
                    host.Out.Write(ToTable(figures));
                }
            }
            finally
            {
                if (given is null && Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            return ReeveCli.Ok;
        });
        return command;
    }

    private static List<string> Names(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static Table ToTable(BillsFigures f)
    {
        var table = new Table()
            .Title($"Demand notices to print files: {f.Letters:N0} letters, {f.Pages:N0} pages in {f.Files:N0} PDFs a renderer")
            .AddColumns("Figure", "Renderer", "Measured", "Baseline", "Ratio", "Target", "Result");
        foreach (var r in f.Renderers)
        {
            table.AddRow("Render and write", r.Renderer,
                $"{r.Elapsed.TotalSeconds:N2} s ({r.PagesPerSecond:N0} pages/s, {r.MibPerSecond:N1} MiB/s, {BenchCommand.Mib(r.PdfBytes)})",
                $"{f.Baseline.TotalSeconds:N2} s ({f.BaselinePagesPerSecond:N0} pages/s, the same letters' text with no layout, {BenchCommand.Mib(f.BaselineBytes)})",
                $"{f.Ratio(r):N2}x",
                $">= {BillsFigures.PagesPerSecondTarget:N0} pages/s",
                BenchCommand.Verdict(r.SpeedPasses));
            table.AddRow("Peak memory", r.Renderer, $"{BenchCommand.Mib(r.PeakWorkingSetBytes)} working set", $"{BenchCommand.Mib(r.PeakManagedBytes)} managed heap", "", $"< {BenchCommand.Mib(BillsFigures.MemoryTargetBytes)}",
                BenchCommand.Verdict(r.MemoryPasses));
        }

        return table.Caption(Markup.Escape($"Memory: {f.PeakWorkingSetMeasure}; managed heap is the highest GC.GetTotalMemory sampled every 20 ms. {Environment.ProcessorCount} processors."));
    }

    private static JsonObject ToJson(BillsFigures f) => new()
    {
        ["scenario"] = "bills",
        ["letters"] = f.Letters,
        ["pages"] = f.Pages,
        ["files"] = f.Files,
        ["lettersPerFile"] = f.Options.LettersPerFile,
        ["parallelism"] = f.Options.Parallelism,
        ["baselineSeconds"] = f.Baseline.TotalSeconds,
        ["baselineMethod"] = "the same template filled and the letters' text written to files of the same batches, with no layout",
        ["targetPagesPerSecond"] = BillsFigures.PagesPerSecondTarget,
        ["memoryMeasure"] = f.PeakWorkingSetMeasure,
        ["renderers"] = new JsonArray(f.Renderers.Select(r => (JsonNode)new JsonObject
        {
            ["renderer"] = r.Renderer,
            ["pages"] = r.Pages,
            ["pdfBytes"] = r.PdfBytes,
            ["seconds"] = r.Elapsed.TotalSeconds,
            ["pagesPerSecond"] = r.PagesPerSecond,
            ["mibPerSecond"] = r.MibPerSecond,
            ["ratio"] = f.Ratio(r),
            ["pass"] = r.SpeedPasses,
            ["memory"] = new JsonObject
            {
                ["peakWorkingSetBytes"] = r.PeakWorkingSetBytes,
                ["peakManagedBytes"] = r.PeakManagedBytes,
                ["targetBytes"] = BillsFigures.MemoryTargetBytes,
                ["pass"] = r.MemoryPasses,
            },
        }).ToArray()),
    };
}
