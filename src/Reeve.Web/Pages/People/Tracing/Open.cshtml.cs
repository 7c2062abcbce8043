using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Forms;
using Reeve.Web.Features.PersonCasework;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People.Tracing;

/// <summary>An officer opens a trace for a person they believe has moved: why, by when, and who works it.</summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class OpenModel(ReeveDatabase db, OfficerAudit audit, CaseworkCommand casework) : PageModel
{
    /// <summary>An officer's trace is due in two weeks unless they say otherwise.</summary>
    private const int DefaultDueDays = 14;

    public Party? Person { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? AssignedTo { get; set; }

    public DateInput DueOn { get; private set; } = DateInput.Blank("dueOn");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        DueOn = DateInput.Of("dueOn", casework.Today.PlusDays(DefaultDueDays));
        AssignedTo = User.OfficerUsername();
        await using var connection = await db.OpenAsync(ct);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Person,
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Open a trace");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        DueOn = DateInput.Read(Request.Form, "dueOn");
        var due = DueOn.Check(ModelState, "the date the trace is due", required: true);
        var assignee = AssignedTo?.Trim() ?? "";
        await using (var connection = await db.OpenAsync(ct))
        {
            if (assignee.Length > 0 && await OfficerStore.GetAsync(connection, assignee) is null)
            {
                ModelState.AddModelError("assignedTo", $"There is no officer who signs in as {assignee}");
            }
        }

        if (!ModelState.IsValid || due is null)
        {
            return Page();
        }

        var outcome = await casework.RunAsync(HttpContext, id, "Trace task opened",
            (c, tx, council, officer) => TraceTasks.OpenAsync(c, tx, council, new OpenTrace(id, Reason ?? "", due.Value, assignee), casework.Today, officer), ct);
        switch (outcome)
        {
            case Outcome<TraceTask>.Done done:
                TempData["Notice"] = "Trace task opened";
                return Redirect($"/people/tracing/{done.Value.TaskId}");
            case Outcome<TraceTask>.Invalid invalid:
                ModelState.AddModelError(invalid.Field == "dueOn" ? DueOn.ErrorKey : invalid.Field, invalid.Message);
                return Page();
            case Outcome<TraceTask>.Conflict conflict:
                ModelState.AddModelError("reason", conflict.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Person = await PartyReader.GetAsync(connection, User.CouncilId(), id);
        return Person is not null;
    }
}
