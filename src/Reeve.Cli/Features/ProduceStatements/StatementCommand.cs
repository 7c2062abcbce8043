using System.CommandLine;
using System.Globalization;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.AccountStatements;
using Spectre.Console;

namespace Reeve.Cli.Features.ProduceStatements;

/// <summary>`reeve payments statement --account R --from D --to D [--csv FILE]`: an account's statement for a period, from the ledger.</summary>
internal static class StatementCommand
{
    public static Command Create(CliHost host)
    {
        var council = PaymentsCommand.Council();
        var account = new Option<string>("--account") { Description = "The account reference", HelpName = "REF", Required = true };
        var from = CliOptions.Date("--from", "The first day of the period");
        from.Required = true;
        var to = CliOptions.Date("--to", "The last day of the period");
        to.Required = true;
        var csv = new Option<string?>("--csv") { Description = "Also write the statement as CSV to this file", HelpName = "file" };
        var command = new Command("statement", "An account's statement for a period: brought forward, entries, carried forward") { account, from, to, csv, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            const string name = "reeve payments statement";
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, name, problem);
            }

            switch (await ProduceStatement.ProduceAsync(db, chosen.Id!.Value, parsed.GetValue(account)!, parsed.GetValue(from)!.Value, parsed.GetValue(to)!.Value, ct))
            {
                case Outcome<AccountStatement>.Done { Value: var statement }:
                    Show(host.Out, statement);
                    if (parsed.GetValue(csv) is { } path)
                    {
                        await File.WriteAllTextAsync(path, statement.ToCsv(), ct);
                        host.Out.MarkupLine(Markup.Escape($"CSV written to {path}."));
                    }

                    return ReeveCli.Ok;
                case Outcome<AccountStatement>.Invalid invalid:
                    return await PaymentsCommand.RefuseAsync(host, name, $"--{invalid.Field}: {invalid.Message}");
                case Outcome<AccountStatement>.NotFound notFound:
                    return await PaymentsCommand.RefuseAsync(host, name, $"--account: there is no {notFound.What}");
                default:
                    throw new InvalidOperationException("Unexpected statement result");
            }
        });
        return command;
    }

    private static void Show(IAnsiConsole console, AccountStatement s)
    {
        static string D(NodaTime.LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        console.MarkupLine(Markup.Escape($"Statement of account {s.Account}, {D(s.Period.Start)} to {D(s.Period.End)}"));
        var table = new Table().AddColumns("Date", "Entry", "Description", "Year", "Debit", "Credit", "Balance");
        table.AddRow(D(s.Period.Start), "", "Balance brought forward", "", "", "", Markup.Escape(s.Opening.ToDisplayString()));
        foreach (var l in s.Lines)
        {
            table.AddRow(D(l.Date), $"{l.EntryId}", Markup.Escape(l.Description), l.Year.ToString(),
                l.Debit.IsZero ? "" : Markup.Escape(l.Debit.ToDisplayString()), l.Credit.IsZero ? "" : Markup.Escape(l.Credit.ToDisplayString()),
                Markup.Escape(l.Balance.ToDisplayString()));
        }

        table.AddRow(D(s.Period.End), "", "Balance carried forward", "", Markup.Escape(s.TotalDebits.ToDisplayString()),
            Markup.Escape(s.TotalCredits.ToDisplayString()), Markup.Escape(s.Closing.ToDisplayString()));
        console.Write(table);
    }
}
