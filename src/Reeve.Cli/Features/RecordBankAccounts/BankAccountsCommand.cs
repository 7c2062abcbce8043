using System.CommandLine;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Kernel;
using Reeve.Payments;
using Spectre.Console;

namespace Reeve.Cli.Features.RecordBankAccounts;

/// <summary>
/// `reeve payments bank-accounts add|list`: the council's own bank accounts. A camt.053 statement is imported only
/// for an account recorded here (issue 21), and into the council that recorded it.
/// </summary>
internal static class BankAccountsCommand
{
    public static Command Create(CliHost host) =>
        new("bank-accounts", "The council's own bank accounts, whose statements it imports") { Add(host), List(host) };

    private static Command Add(CliHost host)
    {
        const string Name = "reeve payments bank-accounts add";
        var name = new Option<string>("--name") { Description = "What officers call the account (\"Council tax collection\")", Required = true };
        var sort = new Option<string?>("--sort-code") { Description = "The account's sort code" };
        var account = new Option<string?>("--account-number") { Description = "The account number" };
        var iban = new Option<string?>("--iban") { Description = "The account's IBAN, as the bank's statements give it" };
        var council = PaymentsCommand.Council();
        var command = new Command("add", "Record one of the council's bank accounts (sort code and account number, or IBAN)") { name, sort, account, iban, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, Name, problem);
            }

            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var outcome = await CouncilBankAccounts.RecordAsync(connection, tx, chosen.Id!.Value,
                new CouncilBankAccounts.NewAccount(parsed.GetValue(name)!, parsed.GetValue(sort), parsed.GetValue(account), parsed.GetValue(iban)),
                Name, host.Clock.GetCurrentInstant());
            switch (outcome)
            {
                case Outcome<CouncilBankAccount>.Done done:
                    await tx.CommitAsync(ct);
                    host.Out.MarkupLine(Markup.Escape($"Recorded bank account {done.Value.BankAccountId}: {done.Value.Name}, {done.Value.Display}."));
                    return ReeveCli.Ok;
                case Outcome<CouncilBankAccount>.Invalid invalid:
                    return await PaymentsCommand.RefuseAsync(host, Name, $"{invalid.Field}: {invalid.Message}");
                case Outcome<CouncilBankAccount>.Conflict conflict:
                    return await PaymentsCommand.RefuseAsync(host, Name, conflict.Message);
                default:
                    throw new InvalidOperationException($"Unexpected outcome {outcome}");
            }
        });
        return command;
    }

    private static Command List(CliHost host)
    {
        var council = PaymentsCommand.Council();
        var command = new Command("list", "List the council's bank accounts") { council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, "reeve payments bank-accounts list", problem);
            }

            await using var connection = await db.OpenAsync(ct);
            var accounts = await CouncilBankAccounts.ListAsync(connection, null, chosen.Id!.Value);
            if (accounts.Count == 0)
            {
                host.Out.MarkupLine("No bank accounts are recorded: record one with 'reeve payments bank-accounts add' before importing its statements.");
                return ReeveCli.Ok;
            }

            var table = new Table().AddColumns("Id", "Name", "Sort code and account", "IBAN", "Currency");
            foreach (var a in accounts)
            {
                table.AddRow($"{a.BankAccountId}", Markup.Escape(a.Name), Markup.Escape(a.SortCode is null ? "-" : $"{a.SortCode} {a.AccountNumber}"),
                    Markup.Escape(a.Iban ?? "-"), Markup.Escape(a.Currency));
            }

            host.Out.Write(table);
            return ReeveCli.Ok;
        });
        return command;
    }
}
