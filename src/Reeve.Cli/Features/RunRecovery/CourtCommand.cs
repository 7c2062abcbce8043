using System.CommandLine;
using Dapper;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Recovery;
using Spectre.Console;

namespace Reeve.Cli.Features.RunRecovery;

/// <summary>
/// `reeve recovery court add|list|complaints|outcomes`: magistrates' court sessions, the complaint list for a
/// session as CSV and as a printable HTML page, and a hearing's outcomes from a CSV file (reference,outcome[,note]).
/// </summary>
internal static class CourtCommand
{
    private const string Name = "reeve recovery court";

    private static Option<int?> Council() => new("--council") { Description = "The council (needed when the database holds several)", HelpName = "N" };

    private static async Task<CouncilId?> CouncilAsync(CliHost host, Reeve.Persistence.ReeveDatabase db, int? given, string command, CancellationToken ct)
    {
        var chosen = await CouncilChoice.ChooseAsync(db, given, ct);
        if (chosen.Problem is { } problem)
        {
            await host.Stderr.WriteLineAsync($"{command}: {problem}");
            return null;
        }

        return chosen.Id;
    }

    private static async Task<int> RefuseAsync(CliHost host, string command, string message)
    {
        await host.Stderr.WriteLineAsync($"{command}: {message}");
        return ReeveCli.Refused;
    }

    public static Command Add(CliHost host)
    {
        var court = new Option<string>("--court") { Description = "The magistrates' court", Required = true };
        var date = CliOptions.Date("--date", "The session's date");
        date.Required = true;
        var time = new Option<string>("--time") { Description = "The session's start time, HH:MM", DefaultValueFactory = _ => "10:00" };
        var capacity = CliOptions.WholeNumber("--capacity", "How many complaints the court will hear", 500, minimum: 1, maximum: 1_000_000);
        var council = Council();
        var command = new Command("add", "Add a court session for liability order complaints") { court, date, time, capacity, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            if (await CouncilAsync(host, db, parsed.GetValue(council), Name + " add", ct) is not { } id)
            {
                return ReeveCli.Refused;
            }

            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var outcome = await ScheduleCourtSession.HandleAsync(connection, tx, id, parsed.GetValue(court) ?? "", parsed.GetValue(date)!.Value, parsed.GetValue(time) ?? "",
                parsed.GetValue(capacity), UkTime.Today(host.Clock), host.Actor, host.Clock.GetCurrentInstant());
            if (outcome is Outcome<CourtSession>.Invalid invalid)
            {
                return await RefuseAsync(host, Name + " add", $"--{invalid.Field}: {invalid.Message}");
            }

            await tx.CommitAsync(ct);
            var session = ((Outcome<CourtSession>.Done)outcome).Value;
            host.Out.MarkupLine(Markup.Escape($"Session {session.SessionId}: {session.Court}, {DateText.Iso.Format(session.Date)} {session.Time}, room for {session.Capacity:N0} complaints."));
            return ReeveCli.Ok;
        });
        return command;
    }

    public static Command List(CliHost host)
    {
        var council = Council();
        var command = new Command("list", "List the court sessions with the complaints listed at each") { council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            if (await CouncilAsync(host, db, parsed.GetValue(council), Name + " list", ct) is not { } id)
            {
                return ReeveCli.Refused;
            }

            await using var connection = await db.OpenAsync(ct);
            var table = new Table().AddColumns("Session", "Court", "Date", "Time", "Listed", "Capacity");
            foreach (var s in await CourtSessions.ListAsync(connection, id))
            {
                table.AddRow($"{s.SessionId}", Markup.Escape(s.Court), DateText.Iso.Format(s.Date), s.Time, $"{s.Listed:N0}", $"{s.Capacity:N0}");
            }

            host.Out.Write(table);
            return ReeveCli.Ok;
        });
        return command;
    }

    public static Command Complaints(CliHost host)
    {
        var session = new Option<int>("--session") { Description = "The court session", HelpName = "N", Required = true };
        var csv = new Option<string?>("--csv") { Description = "Write the complaint list as CSV to this file", HelpName = "file" };
        var html = new Option<string?>("--html") { Description = "Write the complaint list as a printable HTML page to this file", HelpName = "file" };
        var pdf = new Option<string?>("--pdf") { Description = "Write the complaint list as a PDF to this file", HelpName = "file" };
        var council = Council();
        var command = new Command("complaints", "The complaint list for a session, for the court") { session, csv, html, pdf, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            if (await CouncilAsync(host, db, parsed.GetValue(council), Name + " complaints", ct) is not { } id)
            {
                return ReeveCli.Refused;
            }

            await using var connection = await db.OpenAsync(ct);
            if (await ProduceComplaintList.HandleAsync(connection, id, parsed.GetValue(session)) is not { } list)
            {
                return await RefuseAsync(host, Name + " complaints", $"--session: there is no court session {parsed.GetValue(session)}");
            }

            var (found, lines) = (list.Session, list.Lines);
            var written = new List<string>();
            if (parsed.GetValue(csv) is { Length: > 0 } csvPath)
            {
                await File.WriteAllBytesAsync(csvPath, ProduceComplaintList.File(list, ComplaintListFormat.Csv).Content, ct);
                written.Add(csvPath);
            }

            if (parsed.GetValue(html) is { Length: > 0 } htmlPath)
            {
                await File.WriteAllBytesAsync(htmlPath, ProduceComplaintList.File(list, ComplaintListFormat.Html).Content, ct);
                written.Add(htmlPath);
            }

            if (parsed.GetValue(pdf) is { Length: > 0 } pdfPath)
            {
                await File.WriteAllBytesAsync(pdfPath, ProduceComplaintList.File(list, ComplaintListFormat.Pdf).Content, ct);
                written.Add(pdfPath);
            }

            if (written.Count == 0)
            {
                await host.Stdout.WriteAsync(ComplaintListFiles.Csv(found, lines));
            }
            else
            {
                host.Out.MarkupLine(Markup.Escape($"{lines.Count:N0} complaints for {found.Court} on {DateText.Iso.Format(found.Date)} written to {string.Join(" and ", written)}."));
            }

            return ReeveCli.Ok;
        });
        return command;
    }

    public static Command Outcomes(CliHost host)
    {
        var session = new Option<int>("--session") { Description = "The court session heard", HelpName = "N", Required = true };
        var file = new Option<string>("--file")
        {
            Description = "CSV lines of account reference, outcome (liability-order, withdrawn, adjourned, paid-before-hearing) and an optional note",
            HelpName = "file",
            Required = true,
        };
        var council = Council();
        var command = new Command("outcomes", "Record a hearing's outcomes in bulk, all or nothing") { session, file, council };
        command.SetAction(async (parsed, ct) =>
        {
            const string name = Name + " outcomes";
            using var db = CliOptions.OpenDatabase(parsed, host);
            if (await CouncilAsync(host, db, parsed.GetValue(council), name, ct) is not { } id)
            {
                return ReeveCli.Refused;
            }

            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                return await RefuseAsync(host, name, $"--file: there is no file {path}");
            }

            var entries = new List<OutcomeEntry>();
            try
            {
                using var text = File.OpenText(path);
                foreach (var record in CsvFile.Read(text))
                {
                    if (record.Line == 1 && record.Fields[0].Trim().StartsWith("reference", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (HearingOutcomes.FromCode(record.Text(1, "outcome", required: false)) is not { } outcome)
                    {
                        throw new CsvFormatException(record.Line, "outcome", "must be liability-order, withdrawn, adjourned or paid-before-hearing");
                    }

                    entries.Add(new OutcomeEntry(record.Text(0, "reference", required: false), outcome, record.Count > 2 ? record.Text(2, "note", required: false) : ""));
                }
            }
            catch (CsvFormatException e)
            {
                return await RefuseAsync(host, name, $"--file: line {e.Line}, field {e.Field}: {e.Message}; nothing was recorded");
            }

            Outcome<IReadOnlyList<OutcomeResult>> result;
            await using (var connection = await db.OpenAsync(ct))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                result = await RecordHearingOutcomes.HandleAsync(connection, tx, id, parsed.GetValue(session), entries, host.Actor, host.Clock.GetCurrentInstant(), ct);
                if (result is Outcome<IReadOnlyList<OutcomeResult>>.Done)
                {
                    await tx.CommitAsync(ct);
                }
            }

            switch (result)
            {
                case Outcome<IReadOnlyList<OutcomeResult>>.Done { Value: var recorded }:
                    var table = new Table().AddColumns("Account", "Year", "Outcome", "Costs", "Why");
                    foreach (var r in recorded)
                    {
                        table.AddRow(Markup.Escape(r.Reference), r.Year.ToString(), Markup.Escape(r.Recorded.Title()), Markup.Escape(r.Costs.ToDisplayString()), Markup.Escape(r.Why));
                    }

                    host.Out.Write(table);
                    return ReeveCli.Ok;
                case Outcome<IReadOnlyList<OutcomeResult>>.Invalid invalid:
                    return await RefuseAsync(host, name, $"{invalid.Field}: {invalid.Message}");
                case Outcome<IReadOnlyList<OutcomeResult>>.NotFound notFound:
                    return await RefuseAsync(host, name, $"--session: there is no {notFound.What}");
                default:
                    return await RefuseAsync(host, name, "refused");
            }
        });
        return command;
    }
}
