using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.CouncilTax.Domain;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Properties;

/// <summary>
/// Record that a person moved in (LGFA 1992 s6: residents are liable in the order of their interest). The person is
/// found first by name or party number with a plain GET search, so the page works without JavaScript.
/// </summary>
public sealed class MoveInModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : DwellingFormPage(db, audit, clock)
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["partyId"] = "partyId", ["from"] = "from-day", ["to"] = "from-day", ["interest"] = "interest",
    };

    [BindProperty(Name = "partyId")]
    public string? PartyId { get; set; }

    [BindProperty(Name = "interest")]
    public string? Interest { get; set; }

    [BindProperty(Name = "partnerOf")]
    public string? PartnerOf { get; set; }

    public DateInput From { get; private set; } = DateInput.Blank("from");

    public static IReadOnlyList<Choice> InterestChoices { get; } =
    [
        new("freeholder", "Freeholder", "Owns the freehold"),
        new("leaseholder", "Leaseholder", "Holds a lease of six months or more"),
        new("tenant", "Tenant"),
        new("licensee", "Licensee", "For example a lodger"),
        new("other", "Other resident", "No interest in the dwelling"),
    ];

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
        var from = From.Check(ModelState, "the date they moved in", required: true);
        long? party = long.TryParse(PartyId, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && Matches.Any(m => m.PartyId == p) ? p : null;
        if (party is null)
        {
            ModelState.AddModelError(Matches.Count > 0 ? "partyId" : "person", Matches.Count > 0 ? "Choose the person moving in" : "Find the person moving in by name or party number");
        }

        Interest? interest = InterestChoices.Any(i => i.Value == Interest) ? Interests.FromCode(Interest!) : null;
        if (interest is null)
        {
            ModelState.AddModelError("interest", "Choose their interest in the dwelling");
        }

        long? partner = null;
        if (!string.IsNullOrEmpty(PartnerOf))
        {
            partner = Record!.CurrentResidents.FirstOrDefault(r => r.PartyId.ToString(CultureInfo.InvariantCulture) == PartnerOf)?.PartyId;
            if (partner is null)
            {
                ModelState.AddModelError("partnerOf", "Choose a spouse or civil partner who lives there now, or no");
            }
        }

        var name = Matches.FirstOrDefault(m => m.PartyId == party)?.DisplayName;
        return await SaveAsync($"{name} moved in on {(from is { } f ? Show.Date(f) : "")}", Fields,
            (connection, tx, council, officer, now) => RecordMoveIn.RecordAsync(connection, tx, council, Uprn, party!.Value, from!.Value, interest!.Value, partner, officer, now), ct);
    }
}
