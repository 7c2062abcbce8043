using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Forms;
using Reeve.Web.Features.PersonCasework;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People.Tracing;

/// <summary>
/// One trace task: the sources tried so far and a form to record another, then the outcome. Found records the new
/// address on the person (keeping the old one as history), clears the gone-away mark and queues the held or returned
/// notice again to it; not found closes the task with a date to look again; or the officer closes it with a reason.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
[AuditSubject("trace-task", "taskId")]
public sealed class TaskModel(ReeveDatabase db, OfficerAudit audit, CaseworkCommand casework) : PageModel
{
    public NodaTime.LocalDate Today => casework.Today;

    public TraceTask? Trace { get; private set; }

    public Party? Person { get; private set; }

    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public string? Result { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Line1 { get; set; }

    [BindProperty]
    public string? Line2 { get; set; }

    [BindProperty]
    public string? Town { get; set; }

    [BindProperty]
    public string? Postcode { get; set; }

    [BindProperty]
    public string? FoundNote { get; set; }

    [BindProperty]
    public string? ReviewNote { get; set; }

    [BindProperty]
    public string? CloseReason { get; set; }

    public DateInput TriedOn { get; private set; } = DateInput.Blank("triedOn");

    public DateInput ReviewOn { get; private set; } = DateInput.Blank("reviewOn");

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(long taskId, CancellationToken ct)
    {
        if (!await LoadAsync(taskId, ct))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Person, Subject, $"Trace task {taskId}");
        return Page();
    }

    public async Task<IActionResult> OnPostAttemptAsync(long taskId, CancellationToken ct)
    {
        if (!await LoadAsync(taskId, ct))
        {
            return NotFound();
        }

        TriedOn = DateInput.Read(Request.Form, "triedOn");
        var on = TriedOn.Check(ModelState, "the date you tried the source", required: true);
        if (on is null)
        {
            return Page();
        }

        var outcome = await casework.RunAsync(HttpContext, Trace!.PartyId, $"Trace task {taskId}: {Source} tried",
            (c, tx, council, officer) => TraceTasks.RecordAttemptAsync(c, tx, council, taskId, Source ?? "", on.Value, Result ?? "", Note, Today, officer, casework.Now), ct);
        return Answer(outcome, taskId, "Source recorded", field => field == "triedOn" ? TriedOn.ErrorKey : field);
    }

    public async Task<IActionResult> OnPostFoundAsync(long taskId, CancellationToken ct)
    {
        if (!await LoadAsync(taskId, ct))
        {
            return NotFound();
        }

        var address = new FoundAddress(Line1 ?? "", Line2, null, Town ?? "", Postcode ?? "");
        var outcome = await casework.RunAsync(HttpContext, Trace!.PartyId, $"Trace task {taskId}: found at a new address",
            (c, tx, council, officer) => TracedAddressLetters.RecordFoundAsync(c, tx, council, taskId, address, FoundNote, Today, officer, casework.Now), ct);
        switch (outcome)
        {
            case Outcome<TracedAddressResult>.Done done:
                TempData["Notice"] = done.Value.Reissued is { } letter
                    ? $"Address recorded. The {NoticeStore.Describe(letter.Type).ToLowerInvariant()} is queued again to the new address"
                    : $"Address recorded. {done.Value.NotReissued}";
                return Redirect($"/people/{Trace.PartyId}");
            case Outcome<TracedAddressResult>.Invalid invalid:
                ModelState.AddModelError(invalid.Field, invalid.Message);
                return Page();
            case Outcome<TracedAddressResult>.Conflict conflict:
                ModelState.AddModelError("line1", conflict.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostNotFoundAsync(long taskId, CancellationToken ct)
    {
        if (!await LoadAsync(taskId, ct))
        {
            return NotFound();
        }

        ReviewOn = DateInput.Read(Request.Form, "reviewOn");
        var review = ReviewOn.Check(ModelState, "the date to look again", required: true);
        if (review is null)
        {
            return Page();
        }

        var outcome = await casework.RunAsync(HttpContext, Trace!.PartyId, $"Trace task {taskId}: not found",
            (c, tx, council, officer) => TraceTasks.RecordNotFoundAsync(c, tx, council, taskId, review.Value, ReviewNote, Today, officer), ct);
        return Answer(outcome, taskId, "Trace closed as not found", field => field == "reviewOn" ? ReviewOn.ErrorKey : field);
    }

    public async Task<IActionResult> OnPostCloseAsync(long taskId, CancellationToken ct)
    {
        if (!await LoadAsync(taskId, ct))
        {
            return NotFound();
        }

        var outcome = await casework.RunAsync(HttpContext, Trace!.PartyId, $"Trace task {taskId}: closed",
            (c, tx, council, officer) => TraceTasks.RecordClosedAsync(c, tx, council, taskId, CloseReason, Today, officer), ct);
        return Answer(outcome, taskId, "Trace closed", field => field);
    }

    private IActionResult Answer(Outcome<TraceTask> outcome, long taskId, string notice, Func<string, string> errorKey)
    {
        switch (outcome)
        {
            case Outcome<TraceTask>.Done:
                Notice = notice;
                return Redirect($"/people/tracing/{taskId}");
            case Outcome<TraceTask>.Invalid invalid:
                ModelState.AddModelError(errorKey(invalid.Field), invalid.Message);
                return Page();
            case Outcome<TraceTask>.Conflict conflict:
                ModelState.AddModelError("source", conflict.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private string Subject => Trace!.PartyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(long taskId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Trace = await TraceTasks.GetAsync(connection, User.CouncilId(), taskId);
        Person = Trace is null ? null : await PartyReader.GetAsync(connection, User.CouncilId(), Trace.PartyId);
        if (TriedOn.IsBlank)
        {
            TriedOn = DateInput.Of("triedOn", Today);
        }

        return Person is not null;
    }
}
