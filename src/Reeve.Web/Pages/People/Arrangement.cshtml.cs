using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Features.PersonCasework;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People;

/// <summary>
/// The affordable offer from the latest income and expenditure, and agreeing it as an arrangement with a schedule.
/// Agreeing again while one is kept renegotiates it (a new version). "Check payments" monitors it on a day.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class ArrangementModel(ReeveDatabase db, CaseworkCommand casework, OfficerAudit audit) : PageModel
{
    public long PartyId { get; private set; }

    public string Name { get; private set; } = "";

    public Outcome<ArrangementOffer>? Offer { get; private set; }

    public Arrangement? Kept { get; private set; }

    public ArrangementPolicy Policy { get; private set; } = ArrangementPolicy.Default;

    [BindProperty]
    public string? Frequency { get; set; } = "monthly";

    [BindProperty]
    public string? PerInstalment { get; set; }

    public DateInput FirstDue { get; private set; } = DateInput.Blank("firstDue");

    public DateInput MonitorOn { get; private set; } = DateInput.Blank("monitorOn");

    public LocalDate Today => casework.Today;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        FirstDue = DateInput.Of("firstDue", Today.PlusDays(14));
        MonitorOn = DateInput.Of("monitorOn", Today);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        FirstDue = DateInput.Read(Request.Form, "firstDue");
        MonitorOn = DateInput.Of("monitorOn", Today);
        var first = FirstDue.Check(ModelState, "the date the first instalment is due", required: true);
        var frequency = Frequencies.FromCode(Frequency);
        if (frequency is null)
        {
            ModelState.AddModelError("frequency", "Choose weekly, fortnightly or monthly");
        }

        Money? per = null;
        if (!string.IsNullOrWhiteSpace(PerInstalment))
        {
            if (!MoneyText.TryParse(PerInstalment.Trim().TrimStart('£'), out var amount, out _) || !amount.IsPositive)
            {
                ModelState.AddModelError("perInstalment", "The amount of each instalment must be an amount of money more than £0.00, like 50.00");
            }
            else
            {
                per = amount;
            }
        }

        if (!ModelState.IsValid || first is null || frequency is null)
        {
            return Page();
        }

        var request = new ArrangementRequest(id, frequency.Value, first.Value, per, null, Today);
        var outcome = await casework.RunAsync(HttpContext, id, "Arrangement agreed",
            (c, tx, council, _) => Arrangements.AgreeAsync(c, tx, council, request, CaseworkCommand.ApproverFor(User), casework.Now), ct);
        switch (outcome)
        {
            case Outcome<Arrangement>.Done done:
                TempData["Notice"] = $"Arrangement {done.Value.ArrangementId} agreed: {done.Value.Instalments.Count} {done.Value.Frequency.Code()} instalments; recovery is held on {done.Value.Accounts.Count} account(s)";
                return Redirect($"/people/{id}#arrangements");
            case Outcome<Arrangement>.Invalid invalid:
                ModelState.AddModelError(invalid.Field switch { "firstDueOn" => FirstDue.ErrorKey, "perInstalment" => "perInstalment", _ => "" }, invalid.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>Checks the person's kept arrangement against the payments in the ledger on a day.</summary>
    public async Task<IActionResult> OnPostMonitorAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        FirstDue = DateInput.Of("firstDue", Today.PlusDays(14));
        MonitorOn = DateInput.Read(Request.Form, "monitorOn");
        var day = MonitorOn.Check(ModelState, "the day to check payments on", required: true);
        if (day is null)
        {
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        var council = User.CouncilId();
        var now = casework.Now;
        var result = await Arrangements.MonitorAsync(connection, council, day.Value, User.OfficerUsername(), now, id,
            (c, tx, arrangement, on) => Reeve.Letters.ArrangementLetters.RequestMissedPaymentAsync(c, tx, arrangement, on, council, now),
            (c, tx, arrangement) => audit.RecordAsync(HttpContext, c, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Person, id.ToString(CultureInfo.InvariantCulture),
                $"Arrangement {arrangement.ArrangementId} payments checked on {DateText.FormatLong(day.Value)}"));
        TempData["Notice"] = $"Payments checked on {Show.Date(day.Value)}: {result.Missed} missed, {result.Broken} broken, {result.Completed} completed";
        return Redirect($"/people/{id}#arrangements");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var council = User.CouncilId();
        var party = await PartyReader.GetAsync(connection, council, id);
        if (party is null)
        {
            return false;
        }

        PartyId = id;
        Name = party.DisplayName;
        Offer = await Arrangements.OfferAsync(connection, council, id, Today);
        Kept = await Arrangements.KeptAsync(connection, council, id);
        Policy = await Arrangements.PolicyAsync(connection, council, Today);
        return true;
    }
}
