using System.CommandLine;
using System.Text;
using NodaTime;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.ImportAruddReport;

/// <summary>
/// `reeve dd`: the Direct Debit day. `originator` sets the council's Bacs service user; `lodge` writes the AUDDIS
/// file of instructions waiting; `collect` writes the Standard 18 collection file for a processing day and posts
/// the payments; `import` takes an ARUDD, ADDACS or AUDDIS report (told apart by its content, or --type).
/// </summary>
internal static class DirectDebitCommand
{
    public static Command Create(CliHost host) =>
        new("dd", "Direct Debit: mandates lodged by AUDDIS, collection runs (Bacs Standard 18), Bacs reports")
        {
            Import(host), Lodge(host), Collect(host), Originator(host), WorkItems(host),
        };

    private static Command Import(CliHost host)
    {
        const string Name = "reeve dd import";
        var file = new Option<string?>("--file") { Description = "The Bacs report (ARUDD, ADDACS or AUDDIS XML)", HelpName = "report.xml" };
        var path = new Argument<string?>("report") { Description = "The Bacs report, if --file is not given", Arity = ArgumentArity.ZeroOrOne };
        var type = new Option<string?>("--type") { Description = "arudd, addacs or auddis (found from the report itself if not given)" };
        type.AcceptOnlyFromAmong("arudd", "addacs", "auddis");
        var council = PaymentsCommand.Council();
        var import = new Command("import", "Import a Bacs report: ARUDD returns reverse payments (re-presented once where the reason allows), ADDACS changes mandates, AUDDIS rejections end them")
        {
            path, file, type, council,
        };
        import.SetAction(async (parsed, ct) =>
        {
            var given = parsed.GetValue(file) ?? parsed.GetValue(path);
            if (given is null)
            {
                return await PaymentsCommand.RefuseAsync(host, Name, "name the report: reeve dd import report.xml");
            }

            if (!File.Exists(given))
            {
                return await PaymentsCommand.RefuseAsync(host, Name, $"--file: there is no file at {given}");
            }

            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, Name, problem);
            }

            var content = await File.ReadAllBytesAsync(given, ct);
            var kind = parsed.GetValue(type) is { } t ? Enum.Parse<BacsReportKind>(t, ignoreCase: true) : BacsReportImports.Detect(content);
            var fileName = Path.GetFileName(given);
            var now = host.Clock.GetCurrentInstant();
            switch (kind)
            {
                case BacsReportKind.Arudd:
                    return await ArudAsync(host, db, chosen.Id!.Value, fileName, content, now, ct);
                case BacsReportKind.Addacs:
                    return await ShowAsync(host, "ADDACS", fileName, await ImportAddacsReport.ImportAsync(db, chosen.Id!.Value, fileName, content, Name, now, ct));
                case BacsReportKind.Auddis:
                    return await ShowAsync(host, "AUDDIS", fileName, await ImportAuddisReport.ImportAsync(db, chosen.Id!.Value, fileName, content, Name, now, ct));
                default:
                    return await PaymentsCommand.RefuseAsync(host, Name, $"{fileName} is not an ARUDD, ADDACS or AUDDIS report that Reeve can tell; say which with --type");
            }
        });
        return import;
    }

    private static async Task<int> ArudAsync(CliHost host, ReeveDatabase db, CouncilId council, string fileName, byte[] content, Instant now, CancellationToken ct)
    {
        switch (await Payments.ImportAruddReport.ImportAsync(db, council, fileName, content, "reeve dd import", now, ct))
        {
            case Payments.ImportAruddReport.Result.Refused refused:
                return await PaymentsCommand.RefuseAsync(host, "reeve dd import", $"{fileName} was refused and nothing was reversed. {refused.Field}: {refused.Message}");
            case Payments.ImportAruddReport.Result.AlreadyImported already:
                host.Out.MarkupLine(Markup.Escape($"This report was already imported as import {already.ImportId}. Nothing was reversed this time."));
                return ReeveCli.Ok;
            case Payments.ImportAruddReport.Result.Imported { Report: var r }:
                host.Out.MarkupLine(Markup.Escape($"Imported ARUDD {fileName} as import {r.ImportId}: {r.Items} returned debit{(r.Items == 1 ? "" : "s")}, {r.ReversedCount} payment{(r.ReversedCount == 1 ? "" : "s")} reversed ({r.ReversedTotal.ToDisplayString()})."));
                var table = new Table().AddColumns("Item", "Bacs reference", "Return code", "Amount", "Outcome");
                foreach (var o in r.Outcomes)
                {
                    table.AddRow($"{o.ItemNo}", Markup.Escape(o.BacsReference), Markup.Escape(o.ReturnCode), Markup.Escape(o.Amount.ToDisplayString()), Markup.Escape(o.Outcome));
                }

                host.Out.Write(table);
                ShowSkippedItems(host, r.Outcomes.Count(o => o.Duplicate), r.Outcomes.Count(o => o.WorkItemId is not null));
                return ReeveCli.Ok;
            default:
                throw new InvalidOperationException("Unexpected ARUDD import result");
        }
    }

    private static async Task<int> ShowAsync(CliHost host, string kind, string fileName, BacsReportResult result)
    {
        switch (result)
        {
            case BacsReportResult.Refused refused:
                return await PaymentsCommand.RefuseAsync(host, "reeve dd import", $"{fileName} was refused and nothing was changed. {refused.Field}: {refused.Message}");
            case BacsReportResult.AlreadyImported already:
                host.Out.MarkupLine(Markup.Escape($"This report was already imported as import {already.ImportId}. Nothing was changed this time."));
                return ReeveCli.Ok;
            case BacsReportResult.Imported imported:
                host.Out.MarkupLine(Markup.Escape($"Imported {kind} {fileName} as import {imported.ImportId}: {imported.Outcomes.Count} advice{(imported.Outcomes.Count == 1 ? "" : "s")}."));
                var table = new Table().AddColumns("Item", "Reference", "Reason", "Outcome");
                foreach (var o in imported.Outcomes)
                {
                    table.AddRow($"{o.ItemNo}", Markup.Escape(o.Reference), Markup.Escape($"{o.ReasonCode} {o.Reason}"), Markup.Escape(o.Outcome));
                }

                host.Out.Write(table);
                ShowSkippedItems(host, imported.Outcomes.Count(o => o.Duplicate), imported.Outcomes.Count(o => o.WorkItemId is not null));
                return ReeveCli.Ok;
            default:
                throw new InvalidOperationException("Unexpected report import result");
        }
    }

    private static void ShowSkippedItems(CliHost host, int duplicates, int toOfficers)
    {
        if (duplicates > 0)
        {
            host.Out.MarkupLine(Markup.Escape($"{duplicates} item{(duplicates == 1 ? " was" : "s were")} received before: not applied again."));
        }

        if (toOfficers > 0)
        {
            host.Out.MarkupLine(Markup.Escape($"{toOfficers} item{(toOfficers == 1 ? " waits" : "s wait")} for an officer: reeve dd work-items"));
        }
    }

    /// <summary>`reeve dd work-items`: the Bacs report items waiting for an officer; `resolve` closes one with a note.</summary>
    private static Command WorkItems(CliHost host)
    {
        const string Name = "reeve dd work-items";
        var council = PaymentsCommand.Council();
        var command = new Command("work-items", "List the Bacs report items not applied (details that differ from the mandate, nothing with that reference), waiting for an officer") { council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, Name, problem);
            }

            await using var connection = await db.OpenAsync(ct);
            var open = await BacsWorkItems.OpenAsync(connection, chosen.Id!.Value);
            if (open.Count == 0)
            {
                host.Out.MarkupLine("No Bacs report item is waiting for an officer.");
                return ReeveCli.Ok;
            }

            host.Out.MarkupLine(Markup.Escape($"{open.Count} Bacs report item{(open.Count == 1 ? "" : "s")} waiting for an officer:"));
            foreach (var w in open)
            {
                // Two lines an item, so a long difference is never wrapped inside a table cell.
                host.Out.MarkupLine(Markup.Escape($"{w.WorkItemId}. {w.Reference}: {w.Kind.ToString().ToUpperInvariant()} import {w.ImportId}, item {w.ItemNo}, {w.Reason}"));
                host.Out.MarkupLine(Markup.Escape($"   {w.Difference}"));
            }

            return ReeveCli.Ok;
        });

        var id = new Argument<long>("item") { Description = "The work item's number, as the list shows it" };
        var note = new Option<string>("--note") { Description = "What was done about it", Required = true };
        var resolveCouncil = PaymentsCommand.Council();
        var resolve = new Command("resolve", "Close a Bacs report work item, saying what was done") { id, note, resolveCouncil };
        resolve.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, resolveCouncil), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, Name + " resolve", problem);
            }

            switch (await BacsWorkItems.ResolveAsync(db, chosen.Id!.Value, parsed.GetValue(id), parsed.GetValue(note), Name + " resolve", host.Clock.GetCurrentInstant(), ct))
            {
                case Outcome<BacsWorkItem>.Done { Value: var w }:
                    host.Out.MarkupLine(Markup.Escape($"Work item {w.WorkItemId} ({w.Reference}) resolved: {w.Resolution}"));
                    return ReeveCli.Ok;
                case Outcome<BacsWorkItem>.Invalid invalid:
                    return await PaymentsCommand.RefuseAsync(host, Name + " resolve", $"--{invalid.Field}: {invalid.Message}");
                case Outcome<BacsWorkItem>.NotFound notFound:
                    return await PaymentsCommand.RefuseAsync(host, Name + " resolve", $"there is no {notFound.What}");
                case Outcome<BacsWorkItem>.Conflict conflict:
                    return await PaymentsCommand.RefuseAsync(host, Name + " resolve", conflict.Message);
                default:
                    throw new InvalidOperationException("Unexpected work item result");
            }
        });
        command.Subcommands.Add(resolve);
        return command;
    }

    private static Command Lodge(CliHost host)
    {
        const string Name = "reeve dd lodge";
        var date = CliOptions.Date("--date", "The Bacs processing day of the AUDDIS file");
        date.Required = true;
        var output = new Option<string>("--out") { Description = "Where to write the AUDDIS file", HelpName = "file", Required = true };
        var council = PaymentsCommand.Council();
        var command = new Command("lodge", "Write the AUDDIS file (0N new, 0C cancel) of every instruction not yet lodged; each is lodged once") { date, output, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, Name, problem);
            }

            var processing = parsed.GetValue(date)!.Value;
            var result = await LodgeMandates.LodgeAsync(db, chosen.Id!.Value, processing, UkTime.Today(host.Clock), WorkingDays.EnglandAndWales, Name, host.Clock.GetCurrentInstant(), ct);
            var path = parsed.GetValue(output)!;
            switch (result)
            {
                case LodgeMandates.Result.Refused refused:
                    return await PaymentsCommand.RefuseAsync(host, Name, $"nothing was lodged. {refused.Field}: {refused.Message}");
                case LodgeMandates.Result.NothingToLodge { Previous: { } previous }:
                    await WriteAsync(path, previous.Content, ct);
                    host.Out.MarkupLine(Markup.Escape($"No instruction is waiting. Wrote lodgement {previous.LodgementId} (file {previous.Serial}, already recorded for {processing:uuuu-MM-dd}) to {path} again; nothing was lodged twice."));
                    return ReeveCli.Ok;
                case LodgeMandates.Result.NothingToLodge:
                    host.Out.MarkupLine("No instruction is waiting to be lodged. No file was written.");
                    return ReeveCli.Ok;
                case LodgeMandates.Result.Done { Lodgement: var l }:
                    await WriteAsync(path, l.Content, ct);
                    host.Out.MarkupLine(Markup.Escape($"Lodgement {l.LodgementId}, file {l.Serial} for processing on {l.ProcessingDate:uuuu-MM-dd}: {l.NewInstructions} new (0N), {l.Cancellations} cancelled (0C), {l.Conversions} converted (0S). Written to {path}."));
                    return ReeveCli.Ok;
                default:
                    throw new InvalidOperationException("Unexpected lodgement result");
            }
        });
        return command;
    }

    private static Command Collect(CliHost host)
    {
        const string Name = "reeve dd collect";
        var date = CliOptions.Date("--processing-date", "The Bacs processing day (the day before the money leaves payers' accounts)");
        date.Required = true;
        var output = new Option<string>("--out") { Description = "Where to write the Standard 18 file", HelpName = "file", Required = true };
        var council = PaymentsCommand.Council();
        var command = new Command("collect", "Collect the instalments due under live mandates: write the Bacs Standard 18 file and post the payments, once") { date, output, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, Name, problem);
            }

            var processing = parsed.GetValue(date)!.Value;
            var path = parsed.GetValue(output)!;
            var result = await CollectDirectDebits.CollectAsync(db, chosen.Id!.Value, processing, UkTime.Today(host.Clock), WorkingDays.EnglandAndWales, Name, host.Clock.GetCurrentInstant(), ct);
            switch (result)
            {
                case CollectDirectDebits.Result.Refused refused:
                    return await PaymentsCommand.RefuseAsync(host, Name, $"nothing was collected. {refused.Field}: {refused.Message}");
                case CollectDirectDebits.Result.NothingToCollect nothing:
                    if (nothing.Previous is { } previous)
                    {
                        await WriteAsync(path, previous.Content, ct);
                        host.Out.MarkupLine(Markup.Escape($"Nothing new is due for {processing:uuuu-MM-dd}. Wrote run {previous.RunId} (file {previous.Serial}: {previous.Collections} collections, {previous.Total.ToDisplayString()}) to {path} again; nothing was posted twice."));
                    }
                    else
                    {
                        host.Out.MarkupLine(Markup.Escape($"Nothing is due for processing on {processing:uuuu-MM-dd}. No file was written."));
                    }

                    ShowSkipped(host, nothing.Skipped, nothing.ExpiredReturns);
                    return ReeveCli.Ok;
                case CollectDirectDebits.Result.Collected { Report: var r }:
                    await WriteAsync(path, r.Run.Content, ct);
                    host.Out.MarkupLine(Markup.Escape($"Collection run {r.Run.RunId}, file {r.Run.Serial}: processing {r.Run.ProcessingDate:uuuu-MM-dd}, entry {r.Run.EntryDate:uuuu-MM-dd}; {r.Run.Collections} collections, {r.Run.Total.ToDisplayString()}, posted to the ledger. Written to {path}."));
                    var table = new Table().AddColumns("Code", "Collections", "Total");
                    foreach (var c in r.ByCode)
                    {
                        table.AddRow(c.Code.Code(), $"{c.Count:N0}", Markup.Escape(c.Total.ToDisplayString()));
                    }

                    host.Out.Write(table);
                    ShowSkipped(host, r.Skipped, r.ExpiredReturns);
                    return ReeveCli.Ok;
                default:
                    throw new InvalidOperationException("Unexpected collection result");
            }
        });
        return command;
    }

    private static void ShowSkipped(CliHost host, IReadOnlyList<Payments.Domain.DirectDebit.SkippedCollection> skipped, int expired)
    {
        if (expired > 0)
        {
            host.Out.MarkupLine(Markup.Escape($"{expired} returned Direct Debit{(expired == 1 ? "" : "s")} passed the month for re-presentation and are now recorded unpaid."));
        }

        if (skipped.Count == 0)
        {
            return;
        }

        host.Out.MarkupLine(Markup.Escape($"{skipped.Count} not collected this time:"));
        var table = new Table().AddColumns("Reference", "Due", "Amount", "Why");
        foreach (var s in skipped.Take(50))
        {
            table.AddRow(Markup.Escape(s.Payer.Reference), $"{s.DueOn:uuuu-MM-dd}", Markup.Escape(s.Amount.ToDisplayString()), Markup.Escape(s.Reason));
        }

        host.Out.Write(table);
    }

    private static Command Originator(CliHost host)
    {
        const string Name = "reeve dd originator";
        var sun = new Option<string>("--sun") { Description = "The council's Bacs service user number (six digits)", Required = true };
        var sort = new Option<string>("--sort-code") { Description = "The sort code collections are paid into", Required = true };
        var account = new Option<string>("--account-number") { Description = "The account collections are paid into", Required = true };
        var name = new Option<string>("--name") { Description = "The council's name as payers' statements show it (18 characters)", Required = true };
        var lead = CliOptions.WholeNumber("--lead-days", "Working days from a mandate's lodgement to its first collection's processing day", 3, minimum: 0, maximum: 30);
        var council = PaymentsCommand.Council();
        var command = new Command("originator", "Set the council's Bacs service user: its number, account and name") { sun, sort, account, name, lead, council };
        command.SetAction(async (parsed, ct) =>
        {
            var sunText = parsed.GetValue(sun)!.Trim();
            if (sunText.Length != 6 || !sunText.All(char.IsAsciiDigit))
            {
                return await PaymentsCommand.RefuseAsync(host, Name, "--sun: a service user number is six digits");
            }

            if (!SortCode.TryParse(parsed.GetValue(sort), out var sortCode, out var sortError))
            {
                return await PaymentsCommand.RefuseAsync(host, Name, $"--sort-code: {sortError}");
            }

            if (!AccountNumber.TryParse(parsed.GetValue(account), out var number, out var accountError))
            {
                return await PaymentsCommand.RefuseAsync(host, Name, $"--account-number: {accountError}");
            }

            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, Name, problem);
            }

            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await Mandates.SetOriginatorAsync(connection, tx, chosen.Id!.Value,
                new DirectDebitOriginator(new ServiceUser(sunText, sortCode, number, parsed.GetValue(name)!), parsed.GetValue(lead)));
            await tx.CommitAsync(ct);
            host.Out.MarkupLine(Markup.Escape($"Bacs service user {sunText} set for council {chosen.Id!.Value.Value}."));
            return ReeveCli.Ok;
        });
        return command;
    }

    // Written beside the target and moved into place, so a crash never leaves half a Bacs file under its name.
    private static async Task WriteAsync(string path, string content, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".part";
        await File.WriteAllTextAsync(temporary, content, Encoding.ASCII, ct);
        File.Move(temporary, full, overwrite: true);
    }
}
