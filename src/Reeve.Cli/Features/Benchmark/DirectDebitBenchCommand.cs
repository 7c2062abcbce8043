using System.CommandLine;
using System.Text.Json.Nodes;
using Reeve.Bench;
using Spectre.Console;

namespace Reeve.Cli.Features.Benchmark;

/// <summary>
/// `reeve bench dd`: writes the Direct Debit collection file for N mandates through Reeve and times it against
/// writing the same fixed-width lines from memory, and reading what is due and planning against the physical
/// baseline (the raw read of the mandates), in the same run (bench/Reeve.Bench/DirectDebitScenario.cs).
/// A measurement: the exit code is 0 whatever the figures.
/// </summary>
internal static class DirectDebitBenchCommand
{
    public static Command Create(CliHost host)
    {
        var mandates = CliOptions.WholeNumber("--mandates", "How many active mandates with an instalment due", DirectDebitBenchOptions.DefaultMandates, minimum: 1, maximum: 10_000_000);
        var seed = CliOptions.WholeNumber("--seed", "Seed for the amounts and bank details", DirectDebitBenchOptions.DefaultSeed, minimum: 0);
        var json = BenchCommand.JsonOption();
        var keep = BenchCommand.KeepOption();
        var command = new Command("dd",
            "Write the Standard 18 collection file for N mandates through Reeve, and the same lines from memory as the baseline. " +
            BenchCommand.WhereItRuns)
        {
            mandates, seed, json, keep,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new DirectDebitBenchOptions(parsed.GetValue(mandates), parsed.GetValue(seed));
            return await BenchCommand.RunScenarioAsync(host, parsed, "dd", parsed.GetValue(json), parsed.GetValue(keep),
                scratch => $"Direct Debit benchmark: {options.Mandates:N0} mandates in {Markup.Escape(scratch.Description)}",
                (scratch, progress) => DirectDebitScenario.RunAsync(scratch, options, host.Clock, progress, ct), ToJson, ToTable, ct);
        });
        return command;
    }

    private static Table ToTable(DirectDebitFigures f)
    {
        var table = new Table()
            .Title($"Direct Debit collection file, {f.Provider}: {f.Options.Mandates:N0} mandates, {f.Collections:N0} collections, {Markup.Escape(f.Total.ToDisplayString())}")
            .AddColumns("Figure", "Reeve", "Baseline", "Ratio", "Target", "Result");
        table.AddRow(
            "Plan and write the file",
            $"{f.Reeve.TotalSeconds:N2} s ({f.FileBytes / 1024.0 / 1024.0:N0} MiB)",
            $"{f.Baseline.TotalSeconds:N2} s (the same lines from memory, {f.BaselineBytes / 1024.0 / 1024.0:N0} MiB)",
            $"{f.Ratio:N1}x",
            $"< {DirectDebitFigures.Target.TotalSeconds:N0} s",
            f.Passes ? "[green]PASS[/]" : "[red]FAIL[/]");
        table.AddRow(
            "  of which reading what is due and planning",
            $"{f.ReadAndPlan.TotalSeconds:N2} s",
            $"{f.Read.TotalSeconds:N2} s (physical: the raw read of the mandates)",
            $"{f.ReadRatio:N1}x",
            $"<= {DirectDebitFigures.ReadTarget:N0}x",
            f.ReadPasses ? "[green]PASS[/]" : "[red]FAIL[/]");
        table.AddRow("Set up the data", $"{f.Setup.TotalSeconds:N2} s", "", "", "", "");
        table.Caption(Markup.Escape(f.Database + ". The run writes no table, only the file, so there is no COPY baseline; " +
            "what is due is read " + Reeve.Payments.CollectDirectDebits.ChunkMandates.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " mandates a statement"));
        return table;
    }

    private static JsonObject ToJson(DirectDebitFigures f) => new()
    {
        ["scenario"] = "dd",
        ["provider"] = f.Provider,
        ["database"] = f.Database,
        ["mandates"] = f.Options.Mandates,
        ["collections"] = f.Collections,
        ["totalPence"] = f.Total.Pence,
        ["setupSeconds"] = f.Setup.TotalSeconds,
        ["reeveSeconds"] = f.Reeve.TotalSeconds,
        ["readAndPlanSeconds"] = f.ReadAndPlan.TotalSeconds,
        ["rawReadSeconds"] = f.Read.TotalSeconds,
        ["readRatio"] = f.ReadRatio,
        ["readTargetRatio"] = DirectDebitFigures.ReadTarget,
        ["readPass"] = f.ReadPasses,
        ["baselineSeconds"] = f.Baseline.TotalSeconds,
        ["ratio"] = f.Ratio,
        ["targetSeconds"] = DirectDebitFigures.Target.TotalSeconds,
        ["pass"] = f.Passes,
    };
}
