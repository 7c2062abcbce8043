using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Councils;

/// <summary>
/// The council's magistrates' court and the sessions it hears liability order complaints at, added through Recovery's
/// <see cref="ScheduleCourtSession"/> for the council in the address (no need to switch to it first).
/// </summary>
public sealed class CourtsModel(ReeveDatabase db, IClock clock) : CouncilSetUpPage(db, clock)
{
    [BindProperty(Name = "courtName")] public string? CourtName { get; set; }
    [BindProperty(Name = "time")] public string? Time { get; set; } = "10:00";
    [BindProperty(Name = "capacity")] public string? Capacity { get; set; } = "300";

    public DateInput Date { get; private set; } = DateInput.Blank("date");

    public IReadOnlyList<CourtSession> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Date = DateInput.Read(Request.Form, Date.Name);
        var date = Date.Check(ModelState, "the date of the session", required: true);
        var capacity = 0;
        if (!int.TryParse(Capacity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out capacity) || capacity is < 1 or > 10_000)
        {
            ModelState.AddModelError("capacity", "Enter how many complaints the court will hear, as a whole number from 1 to 10,000");
        }

        if (!ModelState.IsValid || date is not { } day)
        {
            return Page();
        }

        var court = CourtName?.Trim() ?? "";
        return await SaveAsync(
                (c, tx) => ScheduleCourtSession.HandleAsync(c, tx, CouncilId, court, day, Time ?? "", capacity, UkTime.Today(Clock), User.OfficerUsername(), Clock.GetCurrentInstant()),
                $"Court session added for {Council!.Name}: {court}, {Show.Date(day)} at {Time?.Trim()}", ct,
                field => field switch { "court" => "courtName", "date" => Date.ErrorKey, _ => field })
            ? Redirect($"/councils/{Id}/courts")
            : Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (!await FindCouncilAsync(connection))
        {
            return false;
        }

        Sessions = await CourtSessions.ListAsync(connection, CouncilId);
        CourtName ??= Sessions.Count > 0 ? Sessions[^1].Court : null;
        return true;
    }
}
