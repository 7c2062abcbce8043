using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;

namespace Reeve.Web.Pages.Properties;

/// <summary>Record the last day a resident lived at the dwelling; their liability ends at the end of that day (LGFA 1992 s2).</summary>
public sealed class MoveOutModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : DwellingFormPage(db, audit, clock)
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["partyId"] = "partyId", ["from"] = "to-day", ["to"] = "to-day",
    };

    [BindProperty(Name = "partyId")]
    public string? PartyId { get; set; }

    public DateInput To { get; private set; } = DateInput.Blank("to");

    public async Task<IActionResult> OnGetAsync(long uprn, CancellationToken ct) => await LoadAsync(uprn, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long uprn, CancellationToken ct)
    {
        if (!await LoadAsync(uprn, ct))
        {
            return NotFound();
        }

        To = DateInput.Read(Request.Form, "to");
        var lastDay = To.Check(ModelState, "the last day they lived there", required: true);
        var resident = Record!.CurrentResidents.FirstOrDefault(r => r.PartyId.ToString(CultureInfo.InvariantCulture) == PartyId);
        if (resident is null)
        {
            ModelState.AddModelError("partyId", "Choose who is moving out");
        }

        return await SaveAsync($"{resident?.Name} moved out: last day {(lastDay is { } d ? Show.Date(d) : "")}", Fields,
            (connection, tx, council, officer, now) => RecordMoveOut.RecordAsync(connection, tx, council, Uprn, resident!.PartyId, lastDay!.Value, officer, now), ct);
    }
}
