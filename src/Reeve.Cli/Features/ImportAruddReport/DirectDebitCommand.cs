using System.CommandLine;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Payments;
using Spectre.Console;

namespace Reeve.Cli.Features.ImportAruddReport;

/// <summary>`reeve dd import --file report.xml`: reverses the Direct Debit payments an ARUDD report says were returned unpaid.</summary>
internal static class DirectDebitCommand
{
    private const string Command = "reeve dd import";

    public static Command Create(CliHost host)
    {
        var file = new Option<string>("--file") { Description = "The Bacs report (ARUDD; ADDACS and AUDDIS are not imported yet)", HelpName = "report.xml", Required = true };
        var council = PaymentsCommand.Council();
        var import = new Command("import", "Import a Bacs report: an ARUDD reverses each returned Direct Debit payment, once") { file, council };
        import.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                return await PaymentsCommand.RefuseAsync(host, Command, $"--file: there is no file at {path}");
            }

            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, Command, problem);
            }

            var content = await File.ReadAllBytesAsync(path, ct);
            switch (await Payments.ImportAruddReport.ImportAsync(db, chosen.Id!.Value, Path.GetFileName(path), content, Command, host.Clock.GetCurrentInstant(), ct))
            {
                case Payments.ImportAruddReport.Result.Refused refused:
                    return await PaymentsCommand.RefuseAsync(host, Command, $"{Path.GetFileName(path)} was refused and nothing was reversed. {refused.Field}: {refused.Message}");
                case Payments.ImportAruddReport.Result.AlreadyImported already:
                    host.Out.MarkupLine(Markup.Escape($"This report was already imported as import {already.ImportId}. Nothing was reversed this time."));
                    return ReeveCli.Ok;
                case Payments.ImportAruddReport.Result.Imported { Report: var r }:
                    host.Out.MarkupLine(Markup.Escape($"Imported ARUDD {Path.GetFileName(path)} as import {r.ImportId}: {r.Items} returned debit{(r.Items == 1 ? "" : "s")}, {r.ReversedCount} payment{(r.ReversedCount == 1 ? "" : "s")} reversed ({r.ReversedTotal.ToDisplayString()})."));
                    var table = new Table().AddColumns("Item", "Bacs reference", "Return code", "Amount", "Outcome");
                    foreach (var o in r.Outcomes)
                    {
                        table.AddRow($"{o.ItemNo}", Markup.Escape(o.BacsReference), Markup.Escape(o.ReturnCode), Markup.Escape(o.Amount.ToDisplayString()), Markup.Escape(o.Outcome));
                    }

                    host.Out.Write(table);
                    return ReeveCli.Ok;
                default:
                    throw new InvalidOperationException("Unexpected ARUDD import result");
            }
        });
        return new Command("dd", "Direct Debit: Bacs reports") { import };
    }
}
