using System.Globalization;
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

namespace Reeve.Web.Pages.People;

/// <summary>
/// People work queues: Breathing Space notifications waiting to be matched to a person (never dropped), a form to enter
/// a notification as the Insolvency Service sent it, and likely duplicate people for an officer to confirm or reject.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class QueuesModel(ReeveDatabase db, CaseworkCommand casework, OfficerAudit audit) : PageModel
{
    public IReadOnlyList<BreathingSpace> Unmatched { get; private set; } = [];

    public IReadOnlyList<LikelyDuplicate> Duplicates { get; private set; } = [];

    /// <summary>Standard Breathing Spaces in force past day 35 with no midway review recorded (SI 2020/1311 reg 27(2)).</summary>
    public IReadOnlyList<BreathingSpace> MidwayOverdue { get; private set; } = [];

    [BindProperty]
    public string? Kind { get; set; } = "standard";

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? NotifiedName { get; set; }

    [BindProperty]
    public string? Postcode { get; set; }

    public DateInput Start { get; private set; } = DateInput.Blank("start");

    public DateInput Born { get; private set; } = DateInput.Blank("born");

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Start = DateInput.Of("start", casework.Today);
        await LoadAsync(ct);
    }

    /// <summary>Enters a notification as sent: matched to one person by name and date of birth, or queued here.</summary>
    public async Task<IActionResult> OnPostNotifyAsync(CancellationToken ct)
    {
        Start = DateInput.Read(Request.Form, "start");
        Born = DateInput.Read(Request.Form, "born");
        var start = Start.Check(ModelState, "the day the Breathing Space started", required: true);
        var born = Born.Check(ModelState, "the date of birth", required: false);
        var kind = BreathingSpaces.KindFromCode(Kind);
        if (kind is null)
        {
            ModelState.AddModelError("kind", "Choose a standard or a mental health crisis Breathing Space");
        }

        if (!ModelState.IsValid || start is null || kind is null)
        {
            await LoadAsync(ct);
            return Page();
        }

        var notice = new BreathingSpaceNotice(kind.Value, Reference ?? "", start.Value, "Entered by an officer from the notification", NotifiedName ?? "", born, Postcode);
        var outcome = await casework.RunAsync(HttpContext, 0, $"Breathing Space notification {Reference} entered",
            (c, tx, council, officer) => BreathingSpaces.RecordAsync(c, tx, council, notice, officer, casework.Now), ct);
        if (outcome is Outcome<BreathingSpace>.Invalid invalid)
        {
            ModelState.AddModelError(invalid.Field == "name" ? "notifiedName" : invalid.Field, invalid.Message);
            await LoadAsync(ct);
            return Page();
        }

        var space = ((Outcome<BreathingSpace>.Done)outcome).Value;
        if (space.PartyId is { } party)
        {
            TempData["Notice"] = $"Breathing Space {space.Reference} matched and recorded: recovery is held on every account";
            return Redirect($"/people/{party}#breathing-space");
        }

        Notice = $"Breathing Space {space.Reference} could not be matched to one person: it is in the matching queue";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMatchAsync(long moratoriumId, CancellationToken ct)
    {
        var partyId = Request.Form[$"party-{moratoriumId}"].ToString().Trim();
        if (!long.TryParse(partyId, NumberStyles.None, CultureInfo.InvariantCulture, out var person))
        {
            ModelState.AddModelError($"party-{moratoriumId}", "Enter the person's number, from their page");
            Start = DateInput.Of("start", casework.Today);
            await LoadAsync(ct);
            return Page();
        }

        var outcome = await casework.RunAsync(HttpContext, person, $"Breathing Space notification {moratoriumId} matched",
            (c, tx, council, officer) => BreathingSpaces.MatchToPersonAsync(c, tx, council, moratoriumId, person, officer, casework.Now), ct);
        if (outcome is Outcome<BreathingSpace>.Done)
        {
            TempData["Notice"] = "Breathing Space matched: recovery is held on every account of the person";
            return Redirect($"/people/{person}#breathing-space");
        }

        ModelState.AddModelError($"party-{moratoriumId}", outcome is Outcome<BreathingSpace>.Invalid i ? i.Message : $"There is no person {person}");
        Start = DateInput.Of("start", casework.Today);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFindDuplicatesAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var found = await LikelyDuplicates.FindAsync(connection, tx, User.CouncilId());
        await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Search, OfficerAudit.Subjects.Person, "", "Likely duplicate people found");
        await tx.CommitAsync(ct);
        Notice = $"{found} likely duplicate pair(s) to review";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDecideAsync(long partyA, long partyB, string? decision, CancellationToken ct)
    {
        var outcome = await casework.RunAsync(HttpContext, partyA, $"Likely duplicate {partyA} and {partyB}: {decision}",
            (c, tx, council, officer) => decision == "merge"
                ? LikelyDuplicates.MergeAsync(c, tx, council, partyA, partyB, officer, casework.Now)
                : LikelyDuplicates.DecideAsync(c, tx, council, partyA, partyB, decision == "confirmed", officer, casework.Now), ct);
        Notice = outcome switch
        {
            Outcome<string>.Done done => done.Value,
            Outcome<string>.Invalid invalid => invalid.Message,
            _ => "Not found",
        };
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Unmatched = await BreathingSpaces.UnmatchedAsync(connection, User.CouncilId());
        MidwayOverdue = await BreathingSpaceReviews.MidwayOverdueAsync(connection, User.CouncilId(), casework.Today);
        Duplicates = await LikelyDuplicates.OpenAsync(connection, User.CouncilId());
    }
}
