using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
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

    public DateInput Reviewed { get; private set; } = DateInput.Blank("reviewed");

    public DateInput Requested { get; private set; } = DateInput.Blank("requested");

    public LocalDate Today => casework.Today;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Start = DateInput.Of("start", casework.Today);
        End = DateInput.Of("end", casework.Today);
        Reviewed = DateInput.Of("reviewed", casework.Today);
        Requested = DateInput.Of("requested", casework.Today);
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

    /// <summary>Records the debt adviser's midway review (SI 2020/1311 reg 27): it continues, or it is cancelled with the reason.</summary>
    public async Task<IActionResult> OnPostReviewAsync(long id, long moratoriumId, string? outcome, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Reviewed = DateInput.Read(Request.Form, "reviewed");
        var on = Reviewed.Check(ModelState, "the day of the midway review", required: true);
        if (outcome is not ("continues" or "cancelled"))
        {
            ModelState.AddModelError("outcome", "Choose whether the Breathing Space continues or was cancelled");
        }

        if (!ModelState.IsValid || on is null || Spaces.All(s => s.MoratoriumId != moratoriumId))
        {
            return Page();
        }

        var cancelled = outcome == "cancelled";
        var recorded = await casework.RunAsync(HttpContext, id, $"Midway review of Breathing Space {moratoriumId}: {outcome}",
            (c, tx, council, officer) => BreathingSpaceReviews.RecordMidwayAsync(c, tx, council, moratoriumId, on.Value, cancelled, reason, officer, casework.Now), ct);
        return Answer(recorded, id, cancelled
            ? "Midway review recorded: the Breathing Space was cancelled, its holds end on the review day and recovery resumes the day after"
            : "Midway review recorded: the Breathing Space continues");
    }

    /// <summary>Records that the council asked the debt adviser for a review (SI 2020/1311 reg 17), on one of the grounds there.</summary>
    public async Task<IActionResult> OnPostRequestReviewAsync(long id, long moratoriumId, string? grounds, string? detail, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Requested = DateInput.Read(Request.Form, "requested");
        var on = Requested.Check(ModelState, "the day the council asked for the review", required: true);
        var ground = BreathingSpaceReviews.GroundFromCode(grounds);
        if (ground is null)
        {
            ModelState.AddModelError("grounds", "Choose the ground for the review");
        }

        if (!ModelState.IsValid || on is null || ground is null || Spaces.All(s => s.MoratoriumId != moratoriumId))
        {
            return Page();
        }

        var recorded = await casework.RunAsync(HttpContext, id, $"Review of Breathing Space {moratoriumId} asked for",
            (c, tx, council, officer) => BreathingSpaceReviews.RecordCouncilRequestAsync(c, tx, council, moratoriumId, on.Value, ground.Value, detail, officer, casework.Now), ct);
        return Answer(recorded, id, "The council's request for a review is recorded");
    }

    private IActionResult Answer(Outcome<BreathingSpaceReview> outcome, long id, string notice)
    {
        switch (outcome)
        {
            case Outcome<BreathingSpaceReview>.Done:
                TempData["Notice"] = notice;
                return Redirect($"/people/{id}#breathing-space");
            case Outcome<BreathingSpaceReview>.Invalid invalid:
                ModelState.AddModelError(invalid.Field switch { "reviewedOn" => Reviewed.ErrorKey, "requestedOn" => Requested.ErrorKey, var f => f }, invalid.Message);
                return Page();
            case Outcome<BreathingSpaceReview>.Conflict conflict:
                ModelState.AddModelError("outcome", conflict.Message);
                return Page();
            default:
                return NotFound();
        }
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
