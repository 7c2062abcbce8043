using System.CommandLine;
using Reeve.Kernel;
using Reeve.People;
using Spectre.Console;

namespace Reeve.Cli.Features.PersonCasework;

/// <summary>
/// `reeve arrangements monitor --date D`: checks every kept arrangement against the payments in the ledger on a day;
/// `reeve breathing-space import --file F`: records a CSV of Breathing Space notifications, all or nothing.
/// </summary>
internal static class PeopleCommands
{
    public static Command Arrangements(CliHost host)
    {
        var date = CliOptions.Date("--date", "The day to check payments by (default today)");
        var council = ImportPayments.PaymentsCommand.Council();
        var monitor = new Command("monitor", "A missed payment gets a letter-due event and a grace period; a second miss breaks the arrangement and ends its holds") { date, council };
        monitor.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, ImportPayments.PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await ImportPayments.PaymentsCommand.RefuseAsync(host, "reeve arrangements monitor", problem);
            }

            var day = parsed.GetValue(date) ?? UkTime.Today(host.Clock);
            await using var connection = await db.OpenAsync(ct);
            var now = host.Clock.GetCurrentInstant();
            var councilId = chosen.Id!.Value;
            var result = await People.Arrangements.MonitorAsync(connection, councilId, day, "reeve arrangements monitor", now, null,
                (c, tx, arrangement, on) => Letters.ArrangementLetters.RequestMissedPaymentAsync(c, tx, arrangement, on, councilId, now));
            host.Out.MarkupLine(Markup.Escape(
                $"Checked {result.Checked} kept arrangement(s) on {day:uuuu-MM-dd}: {result.Missed} missed a payment (letter due, grace period), " +
                $"{result.Broken} broken (holds ended), {result.Completed} paid in full."));
            return ReeveCli.Ok;
        });
        return new Command("arrangements", "Arrangements to pay") { monitor };
    }

    public static Command BreathingSpace(CliHost host)
    {
        var file = new Option<string>("--file") { Description = "CSV with the header " + string.Join(',', BreathingSpaceCsv.Header), HelpName = "file", Required = true };
        var council = ImportPayments.PaymentsCommand.Council();
        var import = new Command("import", "Record Breathing Space notifications: matched people's accounts are held, the rest go to the matching queue") { file, council };
        import.SetAction(async (parsed, ct) =>
        {
            const string command = "reeve breathing-space import";
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                return await ImportPayments.PaymentsCommand.RefuseAsync(host, command, $"--file: there is no file at {path}");
            }

            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, ImportPayments.PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await ImportPayments.PaymentsCommand.RefuseAsync(host, command, problem);
            }

            await using var connection = await db.OpenAsync(ct);
            switch (await BreathingSpaceCsv.ImportAsync(connection, chosen.Id!.Value, await File.ReadAllTextAsync(path, ct), command, host.Clock.GetCurrentInstant()))
            {
                case Outcome<BreathingSpaceCsv.Imported>.Done { Value: var r }:
                    host.Out.MarkupLine(Markup.Escape(
                        $"{r.Lines} notification(s): {r.Matched} matched and held, {r.Queued} in the matching queue for an officer, {r.AlreadyKnown} already recorded."));
                    return ReeveCli.Ok;
                case Outcome<BreathingSpaceCsv.Imported>.Invalid bad:
                    return await ImportPayments.PaymentsCommand.RefuseAsync(host, command, $"{Path.GetFileName(path)} was refused and nothing was recorded. {bad.Field}: {bad.Message}");
                default:
                    throw new InvalidOperationException("Unexpected import outcome");
            }
        });
        return new Command("breathing-space", "Breathing Space (Debt Respite Scheme) notifications") { import };
    }
}
