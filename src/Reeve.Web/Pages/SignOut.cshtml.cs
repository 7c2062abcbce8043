using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages;

/// <summary>
/// Sign-out is a POST (with the anti-forgery token) so that a link on another site cannot sign an officer out. It ends the
/// server-side session, so the cookie is refused afterwards even if a copy of it was taken.
/// </summary>
public sealed class SignOutModel(ReeveDatabase db, OfficerAudit audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.SignOut, OfficerAudit.Subjects.Officer, User.OfficerUsername(), "Signed out");
            if (User.SessionId() is { } session)
            {
                // The cookie is worthless from here on, whoever holds a copy of it.
                await OfficerSessions.EndAsync(connection, session);
            }
        }

        await HttpContext.SignOutAsync(Authentication.Scheme);
        return Redirect("/sign-in?signed-out=true");
    }
}
