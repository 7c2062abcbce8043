using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.ViewProperty;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Properties;

public sealed class PropertyModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public PropertyDetails? Details { get; private set; }

    /// <summary>The council tax record of a dwelling; null for a hereditament.</summary>
    public DwellingCouncilTax? CouncilTax { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? NoticeLines { get; set; }

    public async Task<IActionResult> OnGetAsync(long uprn, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Details = await PropertyDetails.LoadAsync(connection, User.CouncilId(), uprn);
        if (Details is null)
        {
            return NotFound();
        }

        if (Details.Property.Kind == Reeve.Properties.PropertyKind.Domestic)
        {
            CouncilTax = await DwellingCouncilTax.LoadAsync(connection, User.CouncilId(), uprn, UkTime.Today(clock));
        }

        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Property,
            uprn.ToString(CultureInfo.InvariantCulture), "Property page");
        return Page();
    }
}
