using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages;

/// <summary>
/// For officers of a shared service: switches the council they are working on. The officer's councils are
/// read again from the database, so a council removed from an officer cannot be switched to.
/// </summary>
public sealed class CouncilModel(ReeveDatabase db, IClock clock) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(int councilId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var officer = await OfficerStore.GetAsync(connection, User.OfficerUsername());
        var council = new CouncilId(councilId);
        if (officer is null || !officer.Councils.Contains(council))
        {
            return Forbid();
        }

        await AuditTrail.RecordAsync(connection, null, council, officer.Username, "switch-council", OfficerAudit.Subjects.Officer, officer.Username,
            $"Now working on council {council}", OfficerAudit.RemoteAddress(HttpContext), clock.GetCurrentInstant());
        await HttpContext.SignInAsync(Authentication.Scheme, OfficerClaims.Create(officer, council, User.SessionId() ?? ""),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return Redirect("/");
    }
}
