using System.CommandLine;
using System.Globalization;
using System.Text;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Kernel;
using Reeve.Sundry.Features.ImportInvoices;
using Spectre.Console;

namespace Reeve.Cli.Features.ImportInvoices;

/// <summary>
/// `reeve sundry import-invoices FILE [--council N] [--match-report OUT.csv]`: the nightly receivables extract from the
/// finance system (docs/domain/sundry-invoices.md), all or nothing; a refused file names each line and column at fault.
/// </summary>
internal static class SundryCommand
{
    private const string Officer = "reeve sundry import-invoices";

    public static Command Create(CliHost host)
    {
        var file = new Argument<string>("file") { Description = "The invoice file (CSV, header line first)" };
        var council = PaymentsCommand.Council();
        var matchReport = new Option<string?>("--match-report") { Description = "Write every customer's match (customer number, name, how, party) to this CSV file", HelpName = "file" };
        var import = new Command("import-invoices", "Import invoices and credit notes from the finance system: each invoice an account charged through the ledger") { file, council, matchReport };
        import.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                return await PaymentsCommand.RefuseAsync(host, Officer, $"file: there is no file at {path}");
            }

            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, Officer, problem);
            }

            var request = new Sundry.Features.ImportInvoices.ImportInvoices.Request(chosen.Id!.Value, Path.GetFileName(path), await File.ReadAllBytesAsync(path, ct), Officer);
            switch (await Sundry.Features.ImportInvoices.ImportInvoices.ImportAsync(db, request, host.Clock.GetCurrentInstant(), ct))
            {
                case Sundry.Features.ImportInvoices.ImportInvoices.Result.Refused refused:
                    await host.Stderr.WriteLineAsync($"{Officer}: {request.FileName} was refused and nothing was posted:");
                    foreach (var p in refused.Problems)
                    {
                        await host.Stderr.WriteLineAsync($"  {p}");
                    }

                    return ReeveCli.Refused;
                case Sundry.Features.ImportInvoices.ImportInvoices.Result.AlreadyImported already:
                    host.Out.MarkupLine(Markup.Escape($"This file was already imported: import {already.ImportId}, {already.FileName}, on {UkTime.Describe(already.ImportedAt)}. Nothing was posted this time."));
                    return ReeveCli.Ok;
                case Sundry.Features.ImportInvoices.ImportInvoices.Result.Imported imported:
                    Show(host.Out, request.FileName, imported.Report);
                    if (parsed.GetValue(matchReport) is { } reportPath)
                    {
                        await File.WriteAllTextAsync(reportPath, MatchReportCsv(imported.Report), ct);
                        host.Out.MarkupLine(Markup.Escape($"Match report written to {reportPath}."));
                    }

                    return ReeveCli.Ok;
                default:
                    throw new InvalidOperationException("Unexpected import result");
            }
        });
        return new Command("sundry", "Sundry debt: invoices raised by the council's service areas") { import };
    }

    private static void Show(IAnsiConsole console, string fileName, Sundry.Features.ImportInvoices.ImportInvoices.ImportReport r)
    {
        console.MarkupLine(Markup.Escape($"Imported {fileName} as import {r.ImportId}: {r.Lines:N0} lines."));
        var table = new Table().AddColumns("What", "How many", "Total");
        table.AddRow("Invoices charged", $"{r.InvoicesPosted:N0}", Markup.Escape(r.Charged.ToDisplayString()));
        table.AddRow("Credit notes posted", $"{r.CreditNotesPosted:N0}", Markup.Escape(r.Credited.ToDisplayString()));
        table.AddRow("Imported before (skipped, nothing posted)", $"{r.DocumentsAlreadyImported:N0}", "");
        table.AddRow("Ledger entries posted", $"{r.EntriesPosted:N0}", "");
        foreach (var outcome in Enum.GetValues<CustomerOutcome>())
        {
            table.AddRow(Markup.Escape($"Customers: {Describe(outcome)}"), $"{r.CustomersCount(outcome):N0}", "");
        }

        console.Write(table);
        foreach (var flagged in r.Customers.Where(c => c.Note is not null && c.Outcome == CustomerOutcome.Created).Take(20))
        {
            console.MarkupLine(Markup.Escape($"Customer {flagged.CustomerNumber} ({flagged.Name}): {flagged.Note}"));
        }
    }

    private static string Describe(CustomerOutcome outcome) => outcome switch
    {
        CustomerOutcome.Known => "known customer numbers",
        CustomerOutcome.MatchedByCompanyNumber => "matched by company number",
        CustomerOutcome.MatchedByNameAndPostcode => "matched by name and postcode",
        CustomerOutcome.Created => "new people and organisations recorded",
    };

    private static string MatchReportCsv(Sundry.Features.ImportInvoices.ImportInvoices.ImportReport r)
    {
        static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var csv = new StringBuilder("customer_number,name,outcome,party_id,note\n");
        foreach (var c in r.Customers)
        {
            csv.Append(Quote(c.CustomerNumber)).Append(',').Append(Quote(c.Name)).Append(',').Append(Describe(c.Outcome)).Append(',')
                .Append(c.PartyId.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Quote(c.Note ?? "")).Append('\n');
        }

        return csv.ToString();
    }
}
