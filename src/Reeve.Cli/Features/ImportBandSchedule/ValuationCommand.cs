using System.CommandLine;
using Dapper;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.ImportBandSchedule;

/// <summary>
/// `reeve valuation import-schedule --file schedule.csv`: applies a band schedule file to the valuation list,
/// all or nothing, and re-bills the dwellings whose band changed. Columns: docs/domain/band-schedule-import.md.
/// </summary>
internal static class ValuationCommand
{
    // Who the audit columns name for a change made from the command line.
    private const string Officer = "reeve valuation import-schedule";

    public static Command Create(CliHost host)
    {
        var file = new Option<string>("--file") { Description = "The band schedule, as UTF-8 CSV with a header line", HelpName = "schedule.csv", Required = true };
        var council = CliOptions.WholeNumber("--council", "The council's number (needed when the database holds more than one)", 0, minimum: 1);
        var asAt = CliOptions.Date("--as-at", "The day the schedule is applied and bills are issued (default: today in the UK)");
        var preview = new Option<bool>("--preview") { Description = "Check the file and show what would change, without writing anything" };
        var importSchedule = new Command("import-schedule", "Import a band schedule file: new entries, band changes (re-billing back to the year they reach) and deletions")
        {
            file, council, asAt, preview,
        };
        importSchedule.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var given = parsed.GetResult(council) is { Implicit: false } ? parsed.GetValue(council) : (int?)null;
            return await RunAsync(host, db, parsed.GetValue(file)!, given, parsed.GetValue(asAt) ?? UkTime.Today(host.Clock), parsed.GetValue(preview), ct);
        });
        return new Command("valuation", "The council tax valuation list") { importSchedule };
    }

    private static async Task<int> RunAsync(CliHost host, ReeveDatabase db, string path, int? councilGiven, NodaTime.LocalDate asAt, bool preview, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return await RefuseAsync(host, $"--file: there is no file at {path}");
        }

        var council = await CouncilChoice.ChooseAsync(db, councilGiven, ct);
        if (council.Problem is { } problem)
        {
            return await RefuseAsync(host, problem);
        }

        var content = await File.ReadAllBytesAsync(path, ct);
        var request = new CouncilTax.ImportBandSchedule.Request(council.Id!.Value, Path.GetFileName(path), content, asAt, preview, Officer);
        var result = await CouncilTax.ImportBandSchedule.ImportAsync(db, request, host.Clock.GetCurrentInstant(), ct);
        switch (result)
        {
            case CouncilTax.ImportBandSchedule.Result.Refused refused:
                await host.Stderr.WriteLineAsync($"reeve valuation import-schedule: {Path.GetFileName(path)} was refused and nothing was changed. {refused.Problems.Count} problem{(refused.Problems.Count == 1 ? "" : "s")}:");
                foreach (var p in refused.Problems)
                {
                    await host.Stderr.WriteLineAsync(p.ToString());
                }

                return ReeveCli.Refused;
            case CouncilTax.ImportBandSchedule.Result.AlreadyImported already:
                host.Out.MarkupLine(Markup.Escape($"This file was already imported: import {already.ImportId}, {already.FileName}, on {UkTime.Describe(already.ImportedAt)}."));
                host.Out.MarkupLine("Nothing was posted this time.");
                return ReeveCli.Ok;
            case CouncilTax.ImportBandSchedule.Result.Applied applied:
                Show(host.Out, Path.GetFileName(path), applied);
                return ReeveCli.Ok;
            default:
                throw new InvalidOperationException($"Unexpected result {result}");
        }
    }

    private static void Show(IAnsiConsole console, string fileName, CouncilTax.ImportBandSchedule.Result.Applied applied)
    {
        var s = applied.Summary;
        console.MarkupLine(Markup.Escape(applied.Preview
            ? $"Preview of {fileName}: nothing has been written. Importing it would make these changes."
            : $"Imported {fileName} as import {s.ImportId}."));
        var summary = new Table().Title(applied.Preview ? "Would import" : "Imported").AddColumns("What", "How many");
        foreach (var reason in Enum.GetValues<ScheduleReason>())
        {
            summary.AddRow(Markup.Escape($"{reason.Code()} {reason.Describe()}"), $"{s.LinesOf(reason):N0}");
        }

        summary.AddRow("Dwellings re-billed", $"{s.DwellingsRebilled:N0}").AddRow("Bill versions issued", $"{s.BillVersions:N0}");
        console.Write(summary);
        var byBand = new Table().Title("Lines by reason and band").AddColumns("Reason", "Band", "Lines");
        foreach (var (reason, band, lines) in s.Lines)
        {
            byBand.AddRow(reason.Code(), band?.ToString() ?? "-", $"{lines:N0}");
        }

        console.Write(byBand);
        if (s.LinesOf(ScheduleReason.Deletion) is > 0 and var deletions)
        {
            console.MarkupLine(Markup.Escape($"{deletions} deletion line{(deletions == 1 ? " was" : "s were")} checked and kept with the import but not applied."));
            console.MarkupLine("Reeve cannot yet take a dwelling off the list: until it can, end the occupation and ownership from the deletion date by hand.");
        }
    }

    private static async Task<int> RefuseAsync(CliHost host, string message)
    {
        await host.Stderr.WriteLineAsync($"reeve valuation import-schedule: {message}");
        return ReeveCli.Refused;
    }
}
