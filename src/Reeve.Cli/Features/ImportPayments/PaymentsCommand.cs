using System.CommandLine;
using Dapper;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Statements;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.ImportPayments;

/// <summary>
/// `reeve payments import --file F --format camt053|bank-csv|agent-csv [--layout L]`: posts the credits of a
/// payment file to the accounts their references name, all or nothing, and puts the rest in suspense; and
/// `reeve payments suspense ...` to work the queue.
/// </summary>
internal static class PaymentsCommand
{
    // Who the ledger and import record name for a file imported from the command line.
    private const string Officer = "reeve payments import";

    public static Command Create(CliHost host)
    {
        // The file may be named either way: `reeve payments import statement.xml` or `--file statement.xml`.
        var fileArgument = new Argument<string?>("file") { Description = "The payment file", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "The payment file (or give it as the argument)", HelpName = "file" };
        var format = new Option<PaymentFileFormat?>("--format")
        {
            Description = "camt053 (ISO 20022 bank statement), csv or bank-csv (a bank's CSV export), agent or agent-csv (PayPoint, Post Office, allpay)",
            HelpName = "camt053|csv|agent",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (PaymentFileFormats.FromCode(ShortFormats.GetValueOrDefault(text, text)) is { } f)
                {
                    return f;
                }

                result.AddError($"--format must be camt053, csv (bank-csv) or agent (agent-csv); '{text}' is not");
                return null;
            },
        };
        var layout = new Option<string?>("--layout")
        {
            Description = $"For bank-csv: {string.Join(", ", PaymentLayouts.BankCsv.Keys)} (default paid-in-out); for agent-csv: {string.Join(", ", PaymentLayouts.Agent.Keys)} (default); or a JSON layout file",
            HelpName = "name-or-file",
        };
        var council = Council();
        var import = new Command("import", "Import a payment file: matched credits are posted, the rest go to suspense") { fileArgument, file, format, layout, council };
        import.Validators.Add(result =>
        {
            if ((result.GetValue(fileArgument) is null) == (result.GetValue(file) is null))
            {
                result.AddError("Name the payment file once: as the argument or with --file");
            }
        });
        import.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var path = parsed.GetValue(fileArgument) ?? parsed.GetValue(file)!;
            return await ImportAsync(host, db, path, parsed.GetValue(format)!.Value, parsed.GetValue(layout), GivenCouncil(parsed, council), ct);
        });
        return new Command("payments", "Payments received: imports, the suspense queue, refunds, statements and reconciliation")
        {
            import, ClearSuspense.SuspenseCommand.Create(host), RefundCredits.RefundsCommand.Create(host), ProduceStatements.StatementCommand.Create(host),
            Reconcile.ReconcileCommand.Create(host), TakeCardPayments.CardStatusCommand.Create(host), RecordBankAccounts.BankAccountsCommand.Create(host),
        };
    }

    // The short names the issue and officers use for the two CSV kinds.
    private static readonly Dictionary<string, string> ShortFormats = new(StringComparer.Ordinal) { ["csv"] = "bank-csv", ["agent"] = "agent-csv" };

    internal static Option<int> Council() =>
        CliOptions.WholeNumber("--council", "The council's number (needed when the database holds more than one)", 0, minimum: 1);

    internal static int? GivenCouncil(ParseResult parsed, Option<int> council) =>
        parsed.GetResult(council) is { Implicit: false } ? parsed.GetValue(council) : null;

    private static async Task<int> ImportAsync(CliHost host, ReeveDatabase db, string path, PaymentFileFormat format, string? layoutGiven, int? councilGiven, CancellationToken ct)
    {
        const string command = "reeve payments import";
        if (!File.Exists(path))
        {
            return await RefuseAsync(host, command, $"file: there is no file at {path}");
        }

        var layout = ResolveLayout(format, layoutGiven);
        if (layout is Outcome<object?>.Invalid badLayout)
        {
            return await RefuseAsync(host, command, $"--layout: {badLayout.Message}");
        }

        var chosen = await CouncilChoice.ChooseAsync(db, councilGiven, ct);
        if (chosen.Problem is { } problem)
        {
            return await RefuseAsync(host, command, problem);
        }

        var request = new Payments.ImportPayments.Request(chosen.Id!.Value, Path.GetFileName(path), await File.ReadAllBytesAsync(path, ct), format,
            ((Outcome<object?>.Done)layout).Value, Officer);
        switch (await Payments.ImportPayments.ImportAsync(db, request, host.Clock.GetCurrentInstant(), ct))
        {
            case Payments.ImportPayments.Result.Refused refused:
                return await RefuseAsync(host, command, $"{request.FileName} was refused and nothing was posted. {refused.Field}: {refused.Message}");
            case Payments.ImportPayments.Result.AlreadyImported already:
                host.Out.MarkupLine(Markup.Escape($"This file was already imported: import {already.ImportId}, {already.FileName}, on {UkTime.Describe(already.ImportedAt)} by {already.ImportedBy}."));
                host.Out.MarkupLine("Nothing was posted this time.");
                return ReeveCli.Ok;
            case Payments.ImportPayments.Result.Imported imported:
                Show(host.Out, imported.Report);
                return ReeveCli.Ok;
            default:
                throw new InvalidOperationException("Unexpected import result");
        }
    }

    private static void Show(IAnsiConsole console, Payments.ImportPayments.Report r)
    {
        foreach (var statement in r.Statements)
        {
            console.MarkupLine(Markup.Escape(statement.RefusedField is null
                ? $"Statement {statement.StatementId} for {statement.BankAccountName} ({statement.Account}): {statement.Entries:N0} entr{(statement.Entries == 1 ? "y" : "ies")} taken."
                : $"Statement {statement.StatementId} for {statement.Account} REFUSED, nothing of it posted. {statement.RefusedField}: {statement.RefusedMessage}"));
        }

        console.MarkupLine(Markup.Escape($"Imported {r.FileName} ({r.Format.Code()}) as import {r.ImportId}: {r.Credits:N0} credit{(r.Credits == 1 ? "" : "s")}" +
            (r.NotCredits > 0 ? $", {r.NotCredits:N0} line{(r.NotCredits == 1 ? "" : "s")} not credits (debits) left alone." : ".")));
        var table = new Table().AddColumns("What", "How many", "Total");
        table.AddRow("Posted to accounts", $"{r.PostedCount:N0}", Markup.Escape(r.PostedTotal.ToDisplayString()));
        table.AddRow("To suspense", $"{r.SuspenseCount:N0}", Markup.Escape(r.SuspenseTotal.ToDisplayString()));
        foreach (var reason in r.SuspenseByReason)
        {
            table.AddRow(Markup.Escape($"  {reason.Reason.Code()}"), $"{reason.Count:N0}", Markup.Escape(reason.Total.ToDisplayString()));
        }

        table.AddRow("Duplicates (posted before, not again)", $"{r.Duplicates:N0}", Markup.Escape(r.DuplicateTotal.ToDisplayString()));
        table.AddRow("Pending at the bank (not posted)", $"{r.Pending:N0}", Markup.Escape(r.PendingTotal.ToDisplayString()));
        console.Write(table);
        foreach (var t in r.TakeBacks)
        {
            console.MarkupLine(Markup.Escape($"Bank entry {t.BankReference} took back {t.Amount.Abs().ToDisplayString()}: {(t.Reversed ? "" : "FOR AN OFFICER. ")}{t.Note}"));
        }

        if (r.SuspenseCount > 0 || r.TakeBacks.Any(t => !t.Reversed))
        {
            console.MarkupLine("See them with 'reeve payments suspense list'.");
        }
    }

    private static Outcome<object?> ResolveLayout(PaymentFileFormat format, string? given)
    {
        var text = given is { Length: > 0 } && File.Exists(given) ? File.ReadAllText(given) : given;
        return format switch
        {
            PaymentFileFormat.Camt053 when given is { Length: > 0 } => new Outcome<object?>.Invalid("layout", "A camt.053 statement has no layout"),
            PaymentFileFormat.Camt053 => new Outcome<object?>.Done(null),
            PaymentFileFormat.BankCsv => PaymentLayouts.Resolve(PaymentLayouts.BankCsv, text, "paid-in-out") switch
            {
                Outcome<BankCsvLayout>.Done d => new Outcome<object?>.Done(d.Value),
                Outcome<BankCsvLayout>.Invalid i => new Outcome<object?>.Invalid(i.Field, i.Message),
                _ => throw new InvalidOperationException("Unexpected layout result"),
            },
            PaymentFileFormat.AgentCsv => PaymentLayouts.Resolve(PaymentLayouts.Agent, text, "header-detail-trailer") switch
            {
                Outcome<AgentFileLayout>.Done d => new Outcome<object?>.Done(d.Value),
                Outcome<AgentFileLayout>.Invalid i => new Outcome<object?>.Invalid(i.Field, i.Message),
                _ => throw new InvalidOperationException("Unexpected layout result"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    internal static async Task<int> RefuseAsync(CliHost host, string command, string message)
    {
        await host.Stderr.WriteLineAsync($"{command}: {message}");
        return ReeveCli.Refused;
    }
}
