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
    /// <summary>The council a link is for, when it is not the one the officer is working on.</summary>
    public CouncilId? To { get; private set; }

    /// <summary>Where to go once switched: a page on this site only.</summary>
    public string? ReturnUrl { get; private set; }

    /// <summary>
    /// With <paramref name="to"/>: a link for another of the officer's councils was opened; ask before switching, so
    /// nobody works on the wrong council without knowing. Without it there is nothing to show.
    /// </summary>
    public IActionResult OnGet(int? to, string? returnUrl)
    {
        if (to is not { } id || !User.CouncilIds().Contains(new CouncilId(id)))
        {
            return Redirect("/");
        }

        To = new CouncilId(id);
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int councilId, string? returnUrl, CancellationToken ct)
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
        return Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
