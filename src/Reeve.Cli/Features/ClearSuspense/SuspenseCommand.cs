using System.CommandLine;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Receipts;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.ClearSuspense;

/// <summary>
/// `reeve payments suspense list`: the credits waiting in suspense, each with its suggested accounts and scores;
/// `reeve payments suspense allocate --item N --account REF`: posts one to an account, audited;
/// `reeve payments suspense close-debit --import N --entry E --note TEXT`: closes a bank debit an officer has dealt with.
/// </summary>
internal static class SuspenseCommand
{
    public static Command Create(CliHost host)
    {
        var council = PaymentsCommand.Council();
        var all = new Option<bool>("--all") { Description = "Show allocated items too, not only those waiting" };
        var most = CliOptions.WholeNumber("--most", "Show at most this many items", 50, minimum: 1, maximum: 10_000);
        var list = new Command("list", "List the credits in suspense with suggested accounts") { council, all, most };
        list.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            return await ListAsync(host, db, PaymentsCommand.GivenCouncil(parsed, council), parsed.GetValue(all), parsed.GetValue(most), ct);
        });

        var allocateCouncil = PaymentsCommand.Council();
        var item = new Option<int>("--item") { Description = "The suspense item's number", HelpName = "N", Required = true };
        var account = new Option<string>("--account") { Description = "The account reference to post it to", HelpName = "REF", Required = true };
        var allocate = new Command("allocate", "Post a suspense item to an account") { item, account, allocateCouncil };
        allocate.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var who = host.Actor;
            return await AllocateAsync(host, db, PaymentsCommand.GivenCouncil(parsed, allocateCouncil), parsed.GetValue(item), parsed.GetValue(account)!, who, ct);
        });
        var closeCouncil = PaymentsCommand.Council();
        var import = new Option<long>("--import") { Description = "The payment import the bank debit came in", HelpName = "N", Required = true };
        var entry = new Option<string>("--entry") { Description = "The entry within that import, as listed", HelpName = "ENTRY", Required = true };
        var note = new Option<string>("--note") { Description = "What was done about it", HelpName = "text", Required = true };
        var close = new Command("close-debit", "Close a bank debit waiting for an officer, saying what was done") { import, entry, note, closeCouncil };
        close.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var who = host.Actor;
            return await CloseDebitAsync(host, db, PaymentsCommand.GivenCouncil(parsed, closeCouncil), parsed.GetValue(import), parsed.GetValue(entry)!,
                parsed.GetValue(note), who, ct);
        });
        return new Command("suspense", "The suspense queue of credits not yet on an account") { list, allocate, close };
    }

    private static async Task<int> ListAsync(CliHost host, ReeveDatabase db, int? councilGiven, bool all, int most, CancellationToken ct)
    {
        var chosen = await CouncilChoice.ChooseAsync(db, councilGiven, ct);
        if (chosen.Problem is { } problem)
        {
            return await PaymentsCommand.RefuseAsync(host, "reeve payments suspense list", problem);
        }

        var council = chosen.Id!.Value;
        await using var connection = await db.OpenAsync(ct);
        var items = await SuspenseQueue.ListAsync(connection, council, all ? null : SuspenseStatus.Open, most);
        ShowBankDebits(host.Out, await BankEntries.ForOfficerAsync(connection, council));
        if (items.Count == 0)
        {
            host.Out.MarkupLine(all ? "Suspense is empty." : "Nothing is waiting in suspense.");
            return ReeveCli.Ok;
        }

        var table = new Table().AddColumns("Item", "Paid on", "Amount", "Payer", "Reference given", "Reason", "Status", "Suggested accounts");
        foreach (var i in items)
        {
            var suggestions = i.Status == SuspenseStatus.Open ? await SuggestMatches.SuggestAsync(connection, council, i, most: 3) : [];
            table.AddRow(
                $"{i.ItemId}", i.PaidOn.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(i.Amount.ToDisplayString()),
                Markup.Escape(i.PayerName ?? "-"), Markup.Escape(i.ReferenceText), Markup.Escape(i.Reason.Code()),
                i.Status == SuspenseStatus.Open ? "open" : $"allocated by {Markup.Escape(i.AllocatedBy ?? "")}",
                Markup.Escape(suggestions.Count == 0 ? "-" : string.Join("; ", suggestions.Select(s => $"{s.Reference} (score {s.Score}: {string.Join(", ", s.Why)})"))));
        }

        host.Out.Write(table);
        host.Out.MarkupLine(Markup.Escape($"{items.Count} item{(items.Count == 1 ? "" : "s")}, {Money.Sum(items.Select(i => i.Amount)).ToDisplayString()}. Allocate one with 'reeve payments suspense allocate --item N --account REF'."));
        return ReeveCli.Ok;
    }

    // Debits from bank statements that take back a credit (reversals, returns, recalls, unpaid cheques) which Reeve
    // could not put against the credit's posting: an officer finds the payment and reverses it by hand.
    private static void ShowBankDebits(IAnsiConsole console, IReadOnlyList<BankEntries.ForOfficer> debits)
    {
        if (debits.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("Import", "File", "Entry", "Booked on", "Amount", "What to do");
        foreach (var d in debits)
        {
            table.AddRow($"{d.ImportId}", Markup.Escape(d.FileName), Markup.Escape(d.Line), d.BookedOn.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(d.Amount.ToDisplayString()), Markup.Escape(d.Note));
        }

        console.MarkupLine(Markup.Escape($"Bank debits taking back a credit, for an officer ({debits.Count}):"));
        console.Write(table);
        console.MarkupLine(Markup.Escape("Close one when dealt with: 'reeve payments suspense close-debit --import N --entry ENTRY --note \"what was done\"'."));
    }

    private static async Task<int> CloseDebitAsync(CliHost host, ReeveDatabase db, int? councilGiven, long importId, string entry, string? note, string officer, CancellationToken ct)
    {
        const string command = "reeve payments suspense close-debit";
        var chosen = await CouncilChoice.ChooseAsync(db, councilGiven, ct);
        if (chosen.Problem is { } problem)
        {
            return await PaymentsCommand.RefuseAsync(host, command, problem);
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        switch (await ResolveBankDebit.ResolveAsync(connection, tx, chosen.Id!.Value, importId, entry, note, officer, null, host.Clock.GetCurrentInstant()))
        {
            case Outcome<ResolveBankDebit.Resolved>.Done { Value: var done }:
                await tx.CommitAsync(ct);
                host.Out.MarkupLine(Markup.Escape($"Closed the bank debit of {done.Amount.Abs().ToDisplayString()} at import {importId} entry {entry}: {done.Note}"));
                return ReeveCli.Ok;
            case Outcome<ResolveBankDebit.Resolved>.Invalid invalid:
                return await PaymentsCommand.RefuseAsync(host, command, $"--{invalid.Field}: {invalid.Message}");
            case Outcome<ResolveBankDebit.Resolved>.NotFound notFound:
                return await PaymentsCommand.RefuseAsync(host, command, $"--entry: there is no {notFound.What}");
            case Outcome<ResolveBankDebit.Resolved>.Conflict conflict:
                return await PaymentsCommand.RefuseAsync(host, command, conflict.Message);
            default:
                throw new InvalidOperationException("Unexpected result closing a bank debit");
        }
    }

    private static async Task<int> AllocateAsync(CliHost host, ReeveDatabase db, int? councilGiven, long itemId, string account, string officer, CancellationToken ct)
    {
        const string command = "reeve payments suspense allocate";
        var chosen = await CouncilChoice.ChooseAsync(db, councilGiven, ct);
        if (chosen.Problem is { } problem)
        {
            return await PaymentsCommand.RefuseAsync(host, command, problem);
        }

        switch (await AllocateSuspenseItem.AllocateAsync(db, chosen.Id!.Value, itemId, account, officer, host.Clock.GetCurrentInstant(), ct))
        {
            case Outcome<AllocateSuspenseItem.Allocated>.Done { Value: var done } when done.AlreadyAllocated:
                host.Out.MarkupLine(Markup.Escape($"Suspense item {itemId} was already allocated to {done.Account.Reference} by {done.Item.AllocatedBy}; nothing was posted this time."));
                return ReeveCli.Ok;
            case Outcome<AllocateSuspenseItem.Allocated>.Done { Value: var done }:
                host.Out.MarkupLine(Markup.Escape($"Posted {done.Item.Amount.ToDisplayString()} from suspense item {itemId} to account {done.Account.Reference}: " +
                    string.Join(", ", done.Entries.Select(e => $"{e.Amount.ToDisplayString()} to {e.Year}")) + "."));
                return ReeveCli.Ok;
            case Outcome<AllocateSuspenseItem.Allocated>.Invalid invalid:
                return await PaymentsCommand.RefuseAsync(host, command, $"--{invalid.Field}: {invalid.Message}");
            case Outcome<AllocateSuspenseItem.Allocated>.NotFound notFound:
                return await PaymentsCommand.RefuseAsync(host, command, $"{(notFound.What.StartsWith("account", StringComparison.Ordinal) ? "--account" : "--item")}: there is no {notFound.What}");
            case Outcome<AllocateSuspenseItem.Allocated>.Conflict conflict:
                return await PaymentsCommand.RefuseAsync(host, command, conflict.Message);
            default:
                throw new InvalidOperationException("Unexpected allocation result");
        }
    }
}
