using System.Text;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Payments;
using Reeve.Payments.Domain.Receipts;
using Reeve.Persistence;
using Reeve.Web.Features.Display;

namespace Reeve.Web.Features.Uploads;

/// <summary>A problem that refuses the whole file: where (the line or element, and the field) and what is wrong.</summary>
public sealed record UploadProblem(string Where, string Message);

/// <summary>A figure the preview or the import shows: what, how many, and the total in pounds where there is money.</summary>
public sealed record UploadFigure(string What, long Count, Money? Total = null);

/// <summary>A table of what the file's lines did (or would do): column headings and rows of text.</summary>
public sealed record UploadLines(string Caption, IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<string>> Rows, int Total);

/// <summary>What the real import made of a file: refused (nothing changed), seen before (nothing posted), or worked.</summary>
public abstract record UploadOutcome
{
    private UploadOutcome()
    {
    }

    public sealed record Refused(IReadOnlyList<UploadProblem> Problems) : UploadOutcome;

    public sealed record AlreadyImported(string Message) : UploadOutcome;

    public sealed record Worked(IReadOnlyList<UploadFigure> Figures, UploadLines? Lines, IReadOnlyList<string> Notes) : UploadOutcome;
}

/// <summary>What an import is given: the council, the file and its chosen option, who and when, and how it ends.</summary>
public sealed record UploadRun(
    ReeveDatabase Db, CouncilId Council, string FileName, byte[] Content, string Option, string Officer, Instant Now, LocalDate Today, ImportFinish Finish);

/// <summary>
/// One file import officers may run from the browser: the same handler the command line calls, with the roles allowed
/// to run it. <see cref="RunAsync"/> runs the real import, committed or (by <see cref="UploadRun.Finish"/>) as a preview
/// rolled back.
/// </summary>
public sealed record UploadKind(
    string Slug, string Title, string Hint, string Accept, string Command, Func<Role, bool> Allowed, IReadOnlyList<string> Options,
    Func<UploadRun, CancellationToken, Task<UploadOutcome>> RunAsync)
{
    public string OptionLabel { get; init; } = "Layout";

    public bool MayBeUsedBy(Role? role) => role is { } r && Allowed(r);
}

/// <summary>Every import the command line offers that an officer may run from the Uploads pages.</summary>
public static class UploadKinds
{
    /// <summary>The largest file an upload takes; a larger one is refused on the form before anything is read.</summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;

    private const int RowsShown = 20;

    public static IReadOnlyList<UploadKind> All { get; } =
    [
        Payments("bank-statement", "Bank statement (camt.053)", "The ISO 20022 camt.053 XML statement from the council's bank.", ".xml", PaymentFileFormat.Camt053, []),
        Payments("bank-csv", "Bank statement (CSV)", "A bank's CSV export of the council's account.", ".csv,.txt", PaymentFileFormat.BankCsv,
            ["paid-in-out", .. PaymentLayouts.BankCsv.Keys.Where(k => k != "paid-in-out")]),
        Payments("agent-file", "Payment agent file", "A PayPoint, Post Office or allpay payment file.", ".csv,.txt", PaymentFileFormat.AgentCsv,
            ["header-detail-trailer", .. PaymentLayouts.Agent.Keys.Where(k => k != "header-detail-trailer")]),
        new("arudd", "ARUDD report", "Direct Debits returned unpaid (Bacs ARUDD XML).", ".xml", "reeve dd import --type arudd", MayHandleMoney, [], RunAruddAsync),
        new("addacs", "ADDACS report", "Changes and cancellations of Direct Debit instructions (Bacs ADDACS XML).", ".xml", "reeve dd import --type addacs",
            r => r.CanChange(), [], (run, ct) => RunAdviceAsync(run, ImportAddacsReport.ImportAsync, ct)),
        new("auddis", "AUDDIS report", "Bacs' answer to the council's AUDDIS lodgements (XML).", ".xml", "reeve dd import --type auddis",
            r => r.CanChange(), [], (run, ct) => RunAdviceAsync(run, ImportAuddisReport.ImportAsync, ct)),
        new("band-schedule", "Council Tax band schedule", "The Valuation Office Agency's schedule of new entries, band changes and deletions (CSV).", ".csv,.txt",
            "reeve valuation import-schedule", r => r.CanChange(), [], RunBandScheduleAsync),
        new("breathing-space", "Breathing Space notices", "Debt Respite Scheme notifications from the Insolvency Service (CSV).", ".csv,.txt",
            "reeve breathing-space import", r => r.CanChange(), [], RunBreathingSpaceAsync),
        new("sundry-invoices", "Sundry invoices and credit notes", "The finance system's file of invoices and credit notes raised by service areas (CSV).", ".csv,.txt",
            "reeve sundry import-invoices", MayHandleMoney, [], RunInvoicesAsync),
        new("hb-overpayments", "Housing Benefit overpayment decisions", "The benefits system's file of overpayment decisions (CSV).", ".csv,.txt",
            "reeve overpayments import-decisions", MayHandleMoney, [], RunOverpaymentsAsync),
    ];

    public static UploadKind? Find(string? slug) => All.FirstOrDefault(k => k.Slug == slug);

    private static bool MayHandleMoney(Role role) => role.MayHandleMoney();

    private static UploadKind Payments(string slug, string title, string hint, string accept, PaymentFileFormat format, IReadOnlyList<string> layouts) =>
        new(slug, title, hint, accept, $"reeve payments import --format {format.Code()}", MayHandleMoney, layouts,
            (run, ct) => RunPaymentsAsync(run, format, ct));

    private static async Task<UploadOutcome> RunPaymentsAsync(UploadRun run, PaymentFileFormat format, CancellationToken ct)
    {
        object? layout = format switch
        {
            PaymentFileFormat.BankCsv => PaymentLayouts.BankCsv.GetValueOrDefault(run.Option),
            PaymentFileFormat.AgentCsv => PaymentLayouts.Agent.GetValueOrDefault(run.Option),
            _ => null,
        };
        if (format != PaymentFileFormat.Camt053 && layout is null)
        {
            return new UploadOutcome.Refused([new UploadProblem("layout", "Choose one of the layouts offered")]);
        }

        var request = new Reeve.Payments.ImportPayments.Request(run.Council, run.FileName, run.Content, format, layout, run.Officer, run.Finish);
        switch (await Reeve.Payments.ImportPayments.ImportAsync(run.Db, request, run.Now, ct))
        {
            case Reeve.Payments.ImportPayments.Result.Refused refused:
                return new UploadOutcome.Refused([new UploadProblem(refused.Field, refused.Message)]);
            case Reeve.Payments.ImportPayments.Result.AlreadyImported already:
                return new UploadOutcome.AlreadyImported(
                    $"This file was already imported (import {already.ImportId}, {already.FileName}, {Show.When(already.ImportedAt)} by {already.ImportedBy}): nothing is posted again.");
            case Reeve.Payments.ImportPayments.Result.Imported { Report: var r }:
                var figures = new List<UploadFigure>
                {
                    new("Credits in the file", r.Credits),
                    new("Posted to accounts", r.PostedCount, r.PostedTotal),
                    new("To suspense", r.SuspenseCount, r.SuspenseTotal),
                };
                figures.AddRange(r.SuspenseByReason.Select(s => new UploadFigure($"Suspense: {s.Reason.Code()}", s.Count, s.Total)));
                figures.Add(new("Seen before (not posted again)", r.Duplicates, r.DuplicateTotal));
                figures.Add(new("Pending at the bank (not posted)", r.Pending, r.PendingTotal));
                if (r.NotCredits > 0)
                {
                    figures.Add(new("Lines that are not credits (left alone)", r.NotCredits));
                }

                var rows = r.Statements.Select(s => (IReadOnlyList<string>)[$"Statement {s.StatementId}", s.Account, Show.Count(s.Entries),
                        s.RefusedField is null ? $"taken into {s.BankAccountName}" : $"refused, nothing of it posted: {s.RefusedField}: {s.RefusedMessage}"])
                    .Concat(r.TakeBacks.Select(t => (IReadOnlyList<string>)[$"Bank entry {t.BankReference}", t.Line, Show.Money(t.Amount.Abs()),
                        t.Reversed ? "takes back an earlier credit: reversed" : $"for an officer: {t.Note}"]))
                    .ToList();
                return new UploadOutcome.Worked(figures,
                    rows.Count == 0 ? null : new UploadLines("Statements and money taken back", ["What", "Where", "Entries or amount", "Outcome"], rows.Take(RowsShown).ToList(), rows.Count),
                    []);
            default:
                throw new InvalidOperationException("Unexpected import result");
        }
    }

    private static async Task<UploadOutcome> RunAruddAsync(UploadRun run, CancellationToken ct)
    {
        switch (await ImportAruddReport.ImportAsync(run.Db, run.Council, run.FileName, run.Content, run.Officer, run.Now, run.Finish, ct))
        {
            case ImportAruddReport.Result.Refused refused:
                return new UploadOutcome.Refused([new UploadProblem(refused.Field, refused.Message)]);
            case ImportAruddReport.Result.AlreadyImported already:
                return new UploadOutcome.AlreadyImported($"This report was already imported (ARUDD import {already.ImportId}): nothing is reversed again.");
            case ImportAruddReport.Result.Imported { Report: var r }:
                var rows = r.Outcomes.Select(o => (IReadOnlyList<string>)[Show.Count(o.ItemNo), o.BacsReference, o.ReturnCode, Show.Money(o.Amount), o.Outcome]).ToList();
                return new UploadOutcome.Worked(
                    [
                        new("Returned debits in the report", r.Items, r.Outcomes.Aggregate(Money.Zero, (sum, o) => sum + o.Amount)),
                        new("Payments reversed", r.ReversedCount, r.ReversedTotal),
                        new("Seen before (nothing done again)", r.Outcomes.Count(o => o.Duplicate)),
                        new("For an officer", r.Outcomes.Count(o => o.WorkItemId is not null)),
                    ],
                    new UploadLines("Returned debits", ["Item", "Reference", "Reason", "Amount", "Outcome"], rows.Take(RowsShown).ToList(), rows.Count),
                    []);
            default:
                throw new InvalidOperationException("Unexpected import result");
        }
    }

    private static async Task<UploadOutcome> RunAdviceAsync(
        UploadRun run, Func<ReeveDatabase, CouncilId, string, byte[], string, Instant, ImportFinish, CancellationToken, Task<BacsReportResult>> import, CancellationToken ct)
    {
        switch (await import(run.Db, run.Council, run.FileName, run.Content, run.Officer, run.Now, run.Finish, ct))
        {
            case BacsReportResult.Refused refused:
                return new UploadOutcome.Refused([new UploadProblem(refused.Field, refused.Message)]);
            case BacsReportResult.AlreadyImported already:
                return new UploadOutcome.AlreadyImported($"This report was already imported (import {already.ImportId}): nothing is applied again.");
            case BacsReportResult.Imported imported:
                var outcomes = imported.Outcomes;
                var rows = outcomes.Select(o => (IReadOnlyList<string>)[Show.Count(o.ItemNo), o.Reference, $"{o.ReasonCode} {o.Reason}".Trim(), o.Outcome]).ToList();
                return new UploadOutcome.Worked(
                    [
                        new("Advices in the report", outcomes.Count),
                        new("Applied", outcomes.Count(o => !o.Duplicate && o.WorkItemId is null)),
                        new("Seen before (nothing done again)", outcomes.Count(o => o.Duplicate)),
                        new("For an officer", outcomes.Count(o => o.WorkItemId is not null)),
                    ],
                    new UploadLines("Advices", ["Item", "Reference", "Reason", "Outcome"], rows.Take(RowsShown).ToList(), rows.Count),
                    []);
            default:
                throw new InvalidOperationException("Unexpected import result");
        }
    }

    private static async Task<UploadOutcome> RunBandScheduleAsync(UploadRun run, CancellationToken ct)
    {
        var request = new ImportBandSchedule.Request(run.Council, run.FileName, run.Content, run.Today, run.Finish.IsPreview, run.Officer, run.Finish.AlsoInTransaction);
        switch (await ImportBandSchedule.ImportAsync(run.Db, request, run.Now, ct))
        {
            case ImportBandSchedule.Result.Refused refused:
                return new UploadOutcome.Refused(refused.Problems.Select(p => new UploadProblem($"line {p.Line}, field {p.Field}", p.Message)).ToList());
            case ImportBandSchedule.Result.AlreadyImported already:
                return new UploadOutcome.AlreadyImported(
                    $"This schedule was already imported (import {already.ImportId}, {already.FileName}, {Show.When(already.ImportedAt)} by {already.ImportedBy}): nothing is changed again.");
            case ImportBandSchedule.Result.Applied { Summary: var s }:
                var rows = s.Lines.Select(l => (IReadOnlyList<string>)[l.Reason.Code(), l.Band?.ToString() ?? "", Show.Count(l.Lines)]).ToList();
                return new UploadOutcome.Worked(
                    [
                        new("New entries", s.LinesOf(ScheduleReason.NewEntry)),
                        new("Band changes", s.LinesOf(ScheduleReason.BandChange)),
                        new("Deletions", s.LinesOf(ScheduleReason.Deletion)),
                        new("Dwellings re-billed", s.DwellingsRebilled),
                        new("Bill versions", s.BillVersions),
                    ],
                    new UploadLines("Lines by reason and band", ["Reason", "Band", "Lines"], rows, rows.Count),
                    []);
            default:
                throw new InvalidOperationException("Unexpected import result");
        }
    }

    private static async Task<UploadOutcome> RunInvoicesAsync(UploadRun run, CancellationToken ct)
    {
        var request = new Reeve.Sundry.Features.ImportInvoices.ImportInvoices.Request(run.Council, run.FileName, run.Content, run.Officer);
        switch (await Reeve.Sundry.Features.ImportInvoices.ImportInvoices.ImportAsync(run.Db, request, run.Now, run.Finish, ct))
        {
            case Reeve.Sundry.Features.ImportInvoices.ImportInvoices.Result.Refused refused:
                return new UploadOutcome.Refused(refused.Problems.Select(p => new UploadProblem($"line {p.Line}: {p.Field}", p.Message)).ToList());
            case Reeve.Sundry.Features.ImportInvoices.ImportInvoices.Result.AlreadyImported already:
                return new UploadOutcome.AlreadyImported(
                    $"This file was already imported (import {already.ImportId}, {already.FileName}, {Show.When(already.ImportedAt)}): nothing is posted again.");
            case Reeve.Sundry.Features.ImportInvoices.ImportInvoices.Result.Imported { Report: var r }:
                static string How(Reeve.Sundry.Features.ImportInvoices.CustomerOutcome outcome) => outcome switch
                {
                    Reeve.Sundry.Features.ImportInvoices.CustomerOutcome.Known => "known customer number",
                    Reeve.Sundry.Features.ImportInvoices.CustomerOutcome.MatchedByCompanyNumber => "matched by company number",
                    Reeve.Sundry.Features.ImportInvoices.CustomerOutcome.MatchedByNameAndPostcode => "matched by name and postcode",
                    _ => "new: recorded",
                };
                var rows = r.Customers.Select(c => (IReadOnlyList<string>)[c.CustomerNumber, c.Name, How(c.Outcome)]).ToList();
                return new UploadOutcome.Worked(
                    [
                        new("Lines in the file", r.Lines),
                        new("Invoices charged", r.InvoicesPosted, r.Charged),
                        new("Credit notes posted", r.CreditNotesPosted, r.Credited),
                        new("Imported before (skipped, nothing posted)", r.DocumentsAlreadyImported),
                        new("Ledger entries posted", r.EntriesPosted),
                    ],
                    rows.Count == 0 ? null : new UploadLines("Customers", ["Customer number", "Name", "How found"], rows.Take(RowsShown).ToList(), rows.Count),
                    []);
            default:
                throw new InvalidOperationException("Unexpected import result");
        }
    }

    private static async Task<UploadOutcome> RunOverpaymentsAsync(UploadRun run, CancellationToken ct)
    {
        var request = new Reeve.Overpayments.Features.ImportDecisions.ImportDecisions.Request(run.Council, run.FileName, run.Content, run.Today, run.Officer);
        switch (await Reeve.Overpayments.Features.ImportDecisions.ImportDecisions.HandleAsync(run.Db, request, run.Now, run.Finish, ct))
        {
            case Reeve.Overpayments.Features.ImportDecisions.ImportDecisions.Result.Refused refused:
                return new UploadOutcome.Refused(refused.Problems.Select(p => new UploadProblem(p.Where, p.Message)).ToList());
            case Reeve.Overpayments.Features.ImportDecisions.ImportDecisions.Result.AlreadyImported already:
                return new UploadOutcome.AlreadyImported($"This file was already imported (import {already.ImportId}): nothing is posted again.");
            case Reeve.Overpayments.Features.ImportDecisions.ImportDecisions.Result.Imported { Report: var r }:
                return new UploadOutcome.Worked(
                    [
                        new("Decisions in the file", r.Lines),
                        new("Recoverable overpayments charged", r.Recoverable, r.Charged),
                        new("Irrecoverable (recorded, not charged)", r.Irrecoverable),
                        new("Revisions (earlier charges reversed)", r.Revisions, r.Reversed),
                        new("Imported before (skipped)", r.AlreadyImported),
                        new("Decision notices queued", r.Notices),
                    ],
                    null,
                    []);
            default:
                throw new InvalidOperationException("Unexpected import result");
        }
    }

    private static async Task<UploadOutcome> RunBreathingSpaceAsync(UploadRun run, CancellationToken ct)
    {
        if (!Utf8.IsValid(run.Content))
        {
            return new UploadOutcome.Refused([new UploadProblem("file", "The file is not UTF-8 text: it may be corrupt or in another format")]);
        }

        await using var connection = await run.Db.OpenAsync(ct);
        var text = Encoding.UTF8.GetString(run.Content).TrimStart('\uFEFF');
        switch (await Reeve.People.BreathingSpaceCsv.ImportAsync(connection, run.Council, text, run.Officer, run.Now, run.Finish))
        {
            case Outcome<Reeve.People.BreathingSpaceCsv.Imported>.Invalid bad:
                return new UploadOutcome.Refused([new UploadProblem(bad.Field, bad.Message)]);
            case Outcome<Reeve.People.BreathingSpaceCsv.Imported>.Done { Value: var r } when r.Lines > 0 && r.AlreadyKnown == r.Lines:
                return new UploadOutcome.AlreadyImported($"Every one of the {Show.Count(r.Lines)} notices in this file is already recorded: nothing is recorded again.");
            case Outcome<Reeve.People.BreathingSpaceCsv.Imported>.Done { Value: var r }:
                return new UploadOutcome.Worked(
                    [
                        new("Notices in the file", r.Lines),
                        new("Matched to a person (accounts held)", r.Matched),
                        new("To the matching queue", r.Queued),
                        new("Already recorded (nothing done again)", r.AlreadyKnown),
                    ],
                    null,
                    []);
            default:
                throw new InvalidOperationException("Unexpected import result");
        }
    }

    private static class Utf8
    {
        public static bool IsValid(byte[] content) => System.Text.Unicode.Utf8.IsValid(content);
    }
}
