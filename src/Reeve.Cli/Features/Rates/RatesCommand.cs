using System.CommandLine;
using Reeve.BusinessRates;
using Reeve.Kernel;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.Rates;

/// <summary>
/// `reeve rates ...`: the local rating list. `set-authority-code 0435` records the council's VOA billing authority
/// code; `import-list entries.csv` applies a VOA list entries file (shared/formats.md 6.1), all or nothing, and
/// reports the new hereditaments and the rateable value changes with their effective dates.
/// </summary>
internal static class RatesCommand
{
    private const string Officer = "reeve rates";

    public static Command Create(CliHost host)
    {
        var file = new Argument<string>("file") { Description = "The VOA list entries file (asterisk-delimited, as downloaded)" };
        var council = Council();
        var importList = new Command("import-list", "Import a VOA list entries file: new hereditaments and rateable value changes, all or nothing") { file, council };
        importList.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            return await ImportAsync(host, db, parsed.GetValue(file)!, Given(parsed, council), ct);
        });

        var code = new Argument<string>("code") { Description = "The billing authority code as the VOA writes it, for example 0435" };
        var council2 = Council();
        var setCode = new Command("set-authority-code", "Record the council's VOA billing authority code, which list entries files must carry") { code, council2 };
        setCode.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            return await SetCodeAsync(host, db, parsed.GetValue(code)!, Given(parsed, council2), ct);
        });
        return new Command("rates", "Business rates: the local rating list") { importList, setCode };
    }

    private static Option<int> Council() => CliOptions.WholeNumber("--council", "The council's number (needed when the database holds more than one)", 0, minimum: 1);

    private static int? Given(ParseResult parsed, Option<int> council) => parsed.GetResult(council) is { Implicit: false } ? parsed.GetValue(council) : null;

    private static async Task<int> SetCodeAsync(CliHost host, ReeveDatabase db, string code, int? councilGiven, CancellationToken ct)
    {
        var council = await CouncilChoice.ChooseAsync(db, councilGiven, ct);
        if (council.Problem is { } problem)
        {
            return await RefuseAsync(host, problem);
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        switch (await BillingAuthorityCode.SetAsync(connection, tx, council.Id!.Value, code, Officer, host.Clock.GetCurrentInstant()))
        {
            case Outcome<string>.Done done:
                await tx.CommitAsync(ct);
                host.Out.MarkupLine(Markup.Escape($"The billing authority code is now {done.Value}."));
                return ReeveCli.Ok;
            case Outcome<string>.Invalid invalid:
                return await RefuseAsync(host, $"{invalid.Field}: {invalid.Message}");
            default:
                throw new InvalidOperationException("Setting a billing authority code only succeeds or is invalid");
        }
    }

    private static async Task<int> ImportAsync(CliHost host, ReeveDatabase db, string path, int? councilGiven, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return await RefuseAsync(host, $"file: there is no file at {path}");
        }

        var council = await CouncilChoice.ChooseAsync(db, councilGiven, ct);
        if (council.Problem is { } problem)
        {
            return await RefuseAsync(host, problem);
        }

        var name = Path.GetFileName(path);
        var request = new ImportListEntries.Request(council.Id!.Value, name, await File.ReadAllBytesAsync(path, ct), Officer);
        switch (await ImportListEntries.ImportAsync(db, request, host.Clock.GetCurrentInstant(), ct))
        {
            case ImportListEntries.Result.Refused refused:
                await host.Stderr.WriteLineAsync($"reeve rates import-list: {name} was refused and nothing was changed. {refused.Problems.Count} problem{(refused.Problems.Count == 1 ? "" : "s")}:");
                foreach (var p in refused.Problems)
                {
                    await host.Stderr.WriteLineAsync(p.ToString());
                }

                return ReeveCli.Refused;
            case ImportListEntries.Result.AlreadyImported already:
                host.Out.MarkupLine(Markup.Escape($"This file was already imported: import {already.ImportId}, {already.FileName}, on {UkTime.Describe(already.ImportedAt)}. Nothing was changed this time."));
                return ReeveCli.Ok;
            case ImportListEntries.Result.Imported imported:
                Show(host.Out, name, imported.Report);
                return ReeveCli.Ok;
            default:
                throw new InvalidOperationException("An import is refused, already done or imported");
        }
    }

    private static void Show(IAnsiConsole console, string name, ImportListEntries.Report report)
    {
        console.MarkupLine(Markup.Escape($"Imported {name} as import {report.ImportId}: {report.Records:N0} records, {report.NewHereditaments.Count:N0} new hereditaments, " +
            $"{report.Alterations.Count:N0} rateable value changes, {report.Unchanged:N0} unchanged, {report.DeletionRecords:N0} deletion records not applied."));
        if (report.NewHereditaments.Count > 0)
        {
            var added = new Table().Title("New hereditaments").AddColumns("BA reference", "Description", "Address", "Rateable value", "From");
            foreach (var e in report.NewHereditaments)
            {
                added.AddRow(Markup.Escape(e.BaReference), Markup.Escape(e.DescriptionText), Markup.Escape(e.Address), $"{e.RateableValuePounds:N0}", DateText.Iso.Format(e.EffectiveFrom));
            }

            console.Write(added);
        }

        if (report.Alterations.Count > 0)
        {
            var changes = new Table().Title("Rateable value changes").AddColumns("BA reference", "List", "Was", "Now", "Effective from");
            foreach (var c in report.Alterations)
            {
                changes.AddRow(Markup.Escape(c.BaReference), $"{c.ListYear}", c.Previous is { } was ? $"{was:N0}" : "-", $"{c.RateableValuePounds:N0}", DateText.Iso.Format(c.From));
            }

            console.Write(changes);
        }
    }

    private static async Task<int> RefuseAsync(CliHost host, string message)
    {
        await host.Stderr.WriteLineAsync($"reeve rates: {message}");
        return ReeveCli.Refused;
    }
}
