using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Forms;
using Reeve.Web.Features.PersonCasework;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People;

/// <summary>Records a Breathing Space notification for this person (holding every account at once) and ends or cancels one.</summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class BreathingSpaceModel(ReeveDatabase db, CaseworkCommand casework) : PageModel
{
    public long PartyId { get; private set; }

    public string Name { get; private set; } = "";

    public IReadOnlyList<BreathingSpace> Spaces { get; private set; } = [];

    [BindProperty]
    public string? Kind { get; set; } = "standard";

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? Source { get; set; } = "Insolvency Service notification";

    public DateInput Start { get; private set; } = DateInput.Blank("start");

    public DateInput End { get; private set; } = DateInput.Blank("end");

    public DateInput TreatmentEnded { get; private set; } = DateInput.Blank("treatmentEnded");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Start = DateInput.Of("start", casework.Today);
        End = DateInput.Of("end", casework.Today);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Start = DateInput.Read(Request.Form, "start");
        End = DateInput.Of("end", casework.Today);
        var start = Start.Check(ModelState, "the day the Breathing Space started", required: true);
        var kind = BreathingSpaces.KindFromCode(Kind);
        if (kind is null)
        {
            ModelState.AddModelError("kind", "Choose a standard or a mental health crisis Breathing Space");
        }

        if (string.IsNullOrWhiteSpace(Reference))
        {
            ModelState.AddModelError("reference", "Enter the Insolvency Service's reference");
        }

        if (!ModelState.IsValid || start is null || kind is null)
        {
            return Page();
        }

        var notice = new BreathingSpaceNotice(kind.Value, Reference!, start.Value, string.IsNullOrWhiteSpace(Source) ? "Entered by an officer" : Source.Trim(), Name, null, null, id);
        var outcome = await casework.RunAsync(HttpContext, id, $"Breathing Space {Reference} recorded",
            (c, tx, council, officer) => BreathingSpaces.RecordAsync(c, tx, council, notice, officer, casework.Now), ct);
        return Done(outcome, id, "Breathing Space recorded: recovery is held on every account of the person");
    }

    public async Task<IActionResult> OnPostEndAsync(long id, long moratoriumId, string? how, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Start = DateInput.Of("start", casework.Today);
        End = DateInput.Read(Request.Form, "end");
        TreatmentEnded = DateInput.Read(Request.Form, "treatmentEnded");
        var end = End.Check(ModelState, "the last day of the Breathing Space", required: how != "treatment-ended");
        var treatment = TreatmentEnded.Check(ModelState, "the day the crisis treatment ended", required: how == "treatment-ended");
        if (!ModelState.IsValid || Spaces.All(s => s.MoratoriumId != moratoriumId))
        {
            return Page();
        }

        var outcome = await casework.RunAsync(HttpContext, id, $"Breathing Space {moratoriumId} {how ?? "ended"}",
            (c, tx, council, officer) => BreathingSpaces.EndAsync(c, tx, council, moratoriumId, end ?? casework.Today, how == "cancelled", treatment, officer, casework.Now), ct);
        return Done(outcome, id, "Breathing Space ended: the holds end on its last day and recovery resumes the day after");
    }

    private IActionResult Done(Outcome<BreathingSpace> outcome, long id, string notice)
    {
        switch (outcome)
        {
            case Outcome<BreathingSpace>.Done:
                TempData["Notice"] = notice;
                return Redirect($"/people/{id}#breathing-space");
            case Outcome<BreathingSpace>.Invalid invalid:
                ModelState.AddModelError(invalid.Field switch { "endDate" => End.ErrorKey, "treatmentEndedOn" => TreatmentEnded.ErrorKey, var f => f }, invalid.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var party = await PartyReader.GetAsync(connection, User.CouncilId(), id);
        if (party is null)
        {
            return false;
        }

        PartyId = id;
        Name = party.DisplayName;
        Spaces = await BreathingSpaces.ForPartyAsync(connection, User.CouncilId(), id);
        return true;
    }
}
