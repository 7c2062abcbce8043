using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Recovery;

/// <summary>Magistrates' court sessions for liability order complaints, and a form to add one.</summary>
public sealed class CourtModel(ReeveDatabase db, IClock clock) : PageModel
{
    public IReadOnlyList<CourtSession> Sessions { get; private set; } = [];

    [BindProperty]
    public string? CourtName { get; set; }

    [BindProperty]
    public string? Time { get; set; } = "10:00";

    [BindProperty]
    public string? Capacity { get; set; } = "300";

    public DateInput Date { get; private set; } = DateInput.Blank("date");

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Reading is open to every signed-in officer; changing needs a role that may change (Auditors only read).
        if (!User.CanChange())
        {
            return Forbid();
        }

        Date = DateInput.Read(Request.Form, "date");
        var date = Date.Check(ModelState, "the date of the session", required: true);
        if (!int.TryParse(Capacity, out var capacity) || capacity < 1)
        {
            ModelState.AddModelError("capacity", "Enter how many complaints the court will hear, as a whole number, 1 or more");
        }

        if (ModelState.IsValid && date is { } day)
        {
            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var outcome = await ScheduleCourtSession.HandleAsync(connection, tx, User.CouncilId(), CourtName ?? "", day, Time ?? "", capacity, UkTime.Today(clock),
                User.OfficerUsername(), clock.GetCurrentInstant());
            switch (outcome)
            {
                case Outcome<CourtSession>.Done { Value: var session }:
                    await tx.CommitAsync(ct);
                    Notice = $"Session added: {session.Court}, {Show.Date(session.Date)} at {session.Time}";
                    return Redirect("/recovery/court");
                case Outcome<CourtSession>.Invalid invalid:
                    ModelState.AddModelError(invalid.Field == "date" ? Date.ErrorKey : invalid.Field == "court" ? "courtName" : invalid.Field, invalid.Message);
                    break;
                default:
                    ModelState.AddModelError("courtName", "The session could not be added");
                    break;
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Sessions = await CourtSessions.ListAsync(connection, User.CouncilId());
    }
}
