using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;

namespace Reeve.Web.Pages.Properties;

/// <summary>
/// Record a band change from the listing officer's schedule (LGFA 1992 s5; the Council Tax (Alteration of Lists
/// and Appeals) (England) Regulations 2009), effective from a date that may be in a past year: those years are billed again.
/// </summary>
public sealed class BandChangeModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : DwellingFormPage(db, audit, clock)
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["band"] = "band", ["bands"] = "from-day", ["from"] = "from-day",
    };

    public static IReadOnlyList<Choice> Bands { get; } = "ABCDEFGH".Select(b => new Choice(b.ToString(), b.ToString())).ToList();

    [BindProperty(Name = "band")]
    public string? Band { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    [BindProperty(Name = "scheduleReference")]
    public string? ScheduleReference { get; set; }

    public DateInput From { get; private set; } = DateInput.Blank("from");

    public async Task<IActionResult> OnGetAsync(long uprn, CancellationToken ct) => await LoadAsync(uprn, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long uprn, CancellationToken ct)
    {
        if (!await LoadAsync(uprn, ct))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Band))
        {
            ModelState.AddModelError("band", "Choose the new band");
        }

        From = DateInput.Read(Request.Form, "from");
        var from = From.Check(ModelState, "the date the band takes effect", required: true);
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError("reason", "Enter the reason for the change");
        }

        var band = Band?.Trim().ToUpperInvariant() ?? "";
        var reference = string.IsNullOrWhiteSpace(ScheduleReference) ? null : ScheduleReference.Trim();
        return await SaveAsync($"Band {band} from {(from is { } f ? Show.Date(f) : "")}", Fields,
            (connection, tx, council, officer, now) => RecordBandChange.RecordAsync(connection, tx, council, Uprn, from!.Value, band, Reason!.Trim(), reference, officer, now), ct);
    }
}
