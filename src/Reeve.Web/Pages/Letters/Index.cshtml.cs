using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Jobs;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Jobs;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Letters;

/// <summary>
/// The letters waiting to be printed (by type and issue date) with a button to print each batch, and the print batches
/// written for the council, newest first, each file downloadable for the print supplier. Printing runs the same handler
/// as `reeve letters print` and the print-letters job, into the same print folder; a batch printed again stores and
/// prints nothing twice (the run finds every letter answered and hands back the same print run).
/// </summary>
public sealed class IndexModel(ReeveDatabase db, IClock clock, OfficerAudit audit, JobsHost jobs) : PageModel
{
    public const int LettersShown = 50;

    public IReadOnlyList<PrintRunSummary> Runs { get; private set; } = [];

    public IReadOnlyList<LetterRequests.WaitingBatch> Waiting { get; private set; } = [];

    /// <summary>The print run just started from this page, shown with what it holds.</summary>
    public RequestPrintResult? Printed { get; private set; }

    /// <summary>Whether the run just started found every letter printed before (then it printed nothing again).</summary>
    public bool PrintedBefore { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>Printing stores each notice on its account: an officer who may change records.</summary>
    public bool MayPrint => User.CanChange();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Runs = await PrintFiles.ListAsync(connection, User.CouncilId());
        Waiting = await LetterRequests.WaitingAsync(connection, User.CouncilId());
    }

    public async Task<IActionResult> OnPostPrintAsync(string? type, string? on, CancellationToken ct)
    {
        if (!MayPrint)
        {
            return Forbid();
        }

        var letterType = LetterTypes.All.Where(t => t.Code() == type).Select(t => (LetterType?)t).FirstOrDefault();
        var parsed = DateText.Iso.Parse(on ?? "");
        LocalDate? date = parsed.Success ? parsed.Value : null;
        if (letterType is null || date is null)
        {
            ModelState.AddModelError("", "Choose a batch of letters waiting to be printed");
            await OnGetAsync(ct);
            return Page();
        }

        var council = User.CouncilId();
        var folder = Path.Combine(new JobFolders(jobs.Folder).Print(council), $"{date.Value:uuuu-MM-dd}", letterType.Value.Code());
        switch (await RequestPrintRun.PrintAsync(db, new RequestPrintRun.Options(council, letterType.Value, date.Value, folder, User.OfficerUsername()), clock, null, ct))
        {
            case Outcome<RequestPrintResult>.Done { Value: var r }:
                Printed = r;
                PrintedBefore = r.NoticesStored == 0 && r.AlreadyStored > 0;
                var detail = PrintedBefore
                    ? $"Print of {NoticeStore.Describe(r.Type)} issued {Show.Date(r.On)} asked for again: every letter was printed before (print run {r.PrintId}); nothing printed twice"
                    : $"Printed {NoticeStore.Describe(r.Type)} issued {Show.Date(r.On)}: print run {r.PrintId}, {Show.Count(r.Letters.Count)} letters, {Show.Count(r.Pages)} pages, {Show.Count(r.Held.Count)} held, files {string.Join(", ", r.Files.Append(r.Manifest))}";
                await using (var connection = await db.OpenAsync(ct))
                {
                    await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.Change, "print-run", r.PrintId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        detail.Length > AuditEveryView.DetailLimit ? detail[..AuditEveryView.DetailLimit] : detail);
                }

                break;
            default:
                Notice = $"No {NoticeStore.Describe(letterType.Value)} issued {Show.Date(date.Value)} is waiting: nothing was printed";
                break;
        }

        await OnGetAsync(ct);
        return Page();
    }
}
