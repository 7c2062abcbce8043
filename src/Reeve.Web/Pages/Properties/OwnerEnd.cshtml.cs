using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;

namespace Reeve.Web.Pages.Properties;

/// <summary>Record the last day an owner owned the dwelling: a sale completing, or a lease that made them owner ending.</summary>
public sealed class OwnerEndModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : DwellingFormPage(db, audit, clock)
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal) { ["partyId"] = "partyId", ["to"] = "to-day", ["from"] = "to-day" };

    [BindProperty(Name = "partyId")]
    public string? PartyId { get; set; }

    public DateInput To { get; private set; } = DateInput.Blank("to");

    public IReadOnlyList<Features.ViewProperty.DwellingCouncilTax.Occupant> CurrentOwners => Record!.Owners.Where(o => o.To is null).ToList();

    public async Task<IActionResult> OnGetAsync(long uprn, CancellationToken ct) => await LoadAsync(uprn, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long uprn, CancellationToken ct)
    {
        if (!await LoadAsync(uprn, ct))
        {
            return NotFound();
        }

        To = DateInput.Read(Request.Form, "to");
        var lastDay = To.Check(ModelState, "the last day they owned it", required: true);
        var owner = CurrentOwners.FirstOrDefault(o => o.PartyId.ToString(CultureInfo.InvariantCulture) == PartyId);
        if (owner is null)
        {
            ModelState.AddModelError("partyId", "Choose whose ownership ends");
        }

        return await SaveAsync($"{owner?.Name} owner until {(lastDay is { } d ? Show.Date(d) : "")}", Fields,
            (connection, tx, council, officer, now) => EndOwnership.RecordAsync(connection, tx, council, Uprn, owner!.PartyId, lastDay!.Value, officer, now), ct);
    }
}
