using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.ViewProperty;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Properties;

public sealed class PropertyModel(ReeveDatabase db, OfficerAudit audit) : PageModel
{
    public PropertyDetails? Details { get; private set; }

    public async Task<IActionResult> OnGetAsync(long uprn, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Details = await PropertyDetails.LoadAsync(connection, User.CouncilId(), uprn);
        if (Details is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Property,
            uprn.ToString(CultureInfo.InvariantCulture), "Property page");
        return Page();
    }
}
