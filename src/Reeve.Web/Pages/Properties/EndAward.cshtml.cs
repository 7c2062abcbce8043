using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;

namespace Reeve.Web.Pages.Properties;

/// <summary>End a discount, exemption, premium or reduction on its last day; the bills from the next day are worked out again.</summary>
public sealed class EndAwardModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : DwellingFormPage(db, audit, clock)
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal) { ["to"] = "to-day", ["from"] = "to-day", ["reason"] = "reason", ["awardId"] = "to-day" };

    public Features.ViewProperty.DwellingCouncilTax.AwardLine? Award { get; private set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public DateInput To { get; private set; } = DateInput.Blank("to");

    public async Task<IActionResult> OnGetAsync(long uprn, long awardId, CancellationToken ct) => await LoadAwardAsync(uprn, awardId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long uprn, long awardId, CancellationToken ct)
    {
        if (!await LoadAwardAsync(uprn, awardId, ct))
        {
            return NotFound();
        }

        To = DateInput.Read(Request.Form, "to");
        var lastDay = To.Check(ModelState, "the award's last day", required: true);
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError("reason", "Say why the award ends");
        }

        return await SaveAsync($"{Show.AwardKind(Award!.Award.Kind)} ended: last day {(lastDay is { } d ? Show.Date(d) : "")}", Fields,
            (connection, tx, council, officer, now) => EndAward.RecordAsync(connection, tx, council, Uprn, awardId, lastDay!.Value, Reason!, officer, now), ct);
    }

    private async Task<bool> LoadAwardAsync(long uprn, long awardId, CancellationToken ct)
    {
        if (!await LoadAsync(uprn, ct))
        {
            return false;
        }

        Award = Record!.Awards.FirstOrDefault(a => a.Award.AwardId == awardId);
        return Award is not null;
    }
}
