using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Letters;
using Reeve.Persistence;

namespace Reeve.Web.Pages.Councils;

/// <summary>The council's letterhead address and contact details (phone, email, web, opening hours), saved by Letters.</summary>
public sealed class DetailsModel(ReeveDatabase db, IClock clock) : CouncilSetUpPage(db, clock)
{
    [BindProperty(Name = "addressLines")] public string? AddressLines { get; set; }
    [BindProperty(Name = "telephone")] public string? Telephone { get; set; }
    [BindProperty(Name = "email")] public string? Email { get; set; }
    [BindProperty(Name = "website")] public string? Website { get; set; }
    [BindProperty(Name = "openingHours")] public string? OpeningHours { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (!await FindCouncilAsync(connection))
        {
            return NotFound();
        }

        if (await CouncilLetterDetails.IsSetAsync(connection, null, CouncilId) && await CouncilLetterDetails.GetAsync(connection, null, CouncilId) is { } d)
        {
            (AddressLines, Telephone, Email, Website) = (string.Join('\n', d.AddressLines), d.Telephone, d.Email, d.Website);
            OpeningHours = await CouncilLetterDetails.OpeningHoursAsync(connection, null, CouncilId);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using (var connection = await Db.OpenAsync(ct))
        {
            if (!await FindCouncilAsync(connection))
            {
                return NotFound();
            }
        }

        var contact = new CouncilLetterDetails.Contact((AddressLines ?? "").Split('\n'), Telephone, Email, Website, OpeningHours);
        return await SaveAsync((c, tx) => CouncilLetterDetails.SetContactAsync(c, tx, CouncilId, contact, Clock.GetCurrentInstant()),
            $"Letterhead and contact details set for {Council!.Name}", ct)
            ? Redirect($"/councils/{Id}")
            : Page();
    }
}
