using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;

namespace Reeve.Web.Pages.Properties;

/// <summary>
/// Record who owns the dwelling from a date. The owner is liable where nobody is resident (LGFA 1992 s6(2)(f)) and
/// for the owner-liable classes whether or not anyone lives there (s8; SI 1992/551).
/// </summary>
public sealed class OwnerModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : DwellingFormPage(db, audit, clock)
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal) { ["partyId"] = "partyId", ["from"] = "from-day" };

    [BindProperty(Name = "partyId")]
    public string? PartyId { get; set; }

    public DateInput From { get; private set; } = DateInput.Blank("from");

    public async Task<IActionResult> OnGetAsync(long uprn, CancellationToken ct)
    {
        if (!await LoadAsync(uprn, ct))
        {
            return NotFound();
        }

        PartyId = await FindAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long uprn, CancellationToken ct)
    {
        if (!await LoadAsync(uprn, ct))
        {
            return NotFound();
        }

        await FindAsync(ct);
        From = DateInput.Read(Request.Form, "from");
        var from = From.Check(ModelState, "the date they became the owner", required: true);
        var owner = Matches.FirstOrDefault(m => m.PartyId.ToString(CultureInfo.InvariantCulture) == PartyId);
        if (owner is null)
        {
            ModelState.AddModelError(Matches.Count > 0 ? "partyId" : "person", Matches.Count > 0 ? "Choose the owner" : "Find the owner by name or party number");
        }

        return await SaveAsync($"{owner?.DisplayName} recorded as owner from {(from is { } f ? Show.Date(f) : "")}", Fields,
            (connection, tx, council, officer, now) => RecordOwner.RecordAsync(connection, tx, council, Uprn, owner!.PartyId, from!.Value, officer, now), ct);
    }
}
