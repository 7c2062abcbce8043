using System.CommandLine;
using System.Globalization;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Payments;
using Reeve.Payments.Domain.Reconciliation;
using Spectre.Console;

namespace Reeve.Cli.Features.Reconcile;

/// <summary>
/// `reeve payments reconcile --date D`: each channel's bank statement total for the day against the ledger's
/// receipts and suspense, and each import of that day against its file. Exits non-zero when anything differs,
/// so a scheduled run is noticed.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(CliHost host)
    {
        var council = PaymentsCommand.Council();
        var date = CliOptions.Date("--date", "The day to reconcile (the day the money was paid)");
        date.Required = true;
        var command = new Command("reconcile", "Reconcile a day's bank statements with the ledger and suspense") { date, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, "reeve payments reconcile", problem);
            }

            var day = await ReconcileDay.ReconcileAsync(db, chosen.Id!.Value, parsed.GetValue(date)!.Value, ct);
            Show(host.Out, day);
            return day.Agrees ? ReeveCli.Ok : ReeveCli.Failed;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, DayReconciliation day)
    {
        var when = day.Day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        if (day.Channels.Count == 0)
        {
            console.MarkupLine(Markup.Escape($"No receipts, bank statement lines or suspense items are dated {when}."));
            return;
        }

        var channels = new Table().AddColumns("Channel", "Bank statement", "Ledger receipts", "In suspense", "Difference");
        foreach (var c in day.Channels)
        {
            channels.AddRow(Markup.Escape(c.Channel), c.OnBankStatement ? Markup.Escape(c.Statement.ToDisplayString()) : "no statement",
                Markup.Escape(c.Ledger.ToDisplayString()), Markup.Escape(c.InSuspense.ToDisplayString()), Markup.Escape(c.Difference.ToDisplayString()));
        }

        console.MarkupLine(Markup.Escape($"Receipts dated {when}:"));
        console.Write(channels);
        if (day.Imports.Count > 0)
        {
            var imports = new Table().AddColumns("Import", "File", "File total", "Posted", "Suspended", "Difference");
            foreach (var i in day.Imports)
            {
                imports.AddRow($"{i.ImportId}", Markup.Escape(i.FileName), Markup.Escape(i.FileTotal.ToDisplayString()), Markup.Escape(i.Posted.ToDisplayString()),
                    Markup.Escape(i.Suspended.ToDisplayString()), Markup.Escape(i.Difference.ToDisplayString()));
            }

            console.MarkupLine("Imports with credits on that day, each against its whole file:");
            console.Write(imports);
        }

        if (day.PostedTwice.Count > 0)
        {
            var twice = new Table().AddColumns("Import", "File", "Line", "Bank reference", "Bank booked", "Ledger holds", "Excess");
            foreach (var t in day.PostedTwice)
            {
                twice.AddRow($"{t.ImportId}", Markup.Escape(t.FileName), Markup.Escape(t.Line), Markup.Escape(t.BankReference), Markup.Escape(t.Booked.ToDisplayString()),
                    Markup.Escape(t.Posted.ToDisplayString()), Markup.Escape(t.Excess.ToDisplayString()));
            }

            console.MarkupLine("Bank entries the ledger holds more of than the bank booked (posted twice):");
            console.Write(twice);
        }

        console.MarkupLine(Markup.Escape(day.Agrees
            ? "Everything agrees to the penny."
            : $"DIFFERENCES: {day.Channels.Count(c => !c.Difference.IsZero)} channel(s), {day.Imports.Count(i => !i.Agrees)} import(s) and {day.PostedTwice.Count} bank entr{(day.PostedTwice.Count == 1 ? "y" : "ies")} posted twice do not agree."));
    }
}
