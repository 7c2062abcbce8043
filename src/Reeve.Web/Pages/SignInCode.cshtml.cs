using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages;

/// <summary>
/// The second step of signing in for an officer with a second factor: the six-digit code from their authenticator app,
/// taken once (SecondFactors). Reached only with the short-lived cookie the password page sets; rate limited with it.
/// </summary>
[AllowAnonymous]
public sealed class SignInCodeModel(ReeveDatabase db, IClock clock) : PageModel
{
    public const string WrongCode = "The code is not right. Enter the 6-digit code your authenticator app shows now.";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => OfficerSignIn.PendingUsername(HttpContext) is null ? Redirect("/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (OfficerSignIn.PendingUsername(HttpContext) is not { } username)
        {
            return Redirect("/sign-in");
        }

        await using var connection = await db.OpenAsync(ct);
        var officer = await OfficerStore.GetAsync(connection, username);
        if (officer is null)
        {
            OfficerSignIn.Forget(HttpContext);
            return Redirect("/sign-in");
        }

        var now = clock.GetCurrentInstant();
        bool right;
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            right = await SecondFactors.VerifyAsync(connection, tx, officer.OfficerId, Code, now);
            await tx.CommitAsync(ct);
        }

        if (!right)
        {
            await AuditTrail.RecordAsync(connection, null, officer.HomeCouncil, officer.Username, AuditTrail.Actions.SignInFailed, OfficerAudit.Subjects.Officer,
                officer.Username, "Wrong second-factor code", OfficerAudit.RemoteAddress(HttpContext), now);
            ModelState.AddModelError("code", WrongCode);
            Code = null;
            return Page();
        }

        OfficerSignIn.Forget(HttpContext);
        await OfficerSignIn.CompleteAsync(HttpContext, connection, officer, "Signed in with a second factor", now);
        return LocalRedirect(OfficerSignIn.SafeReturnUrl(Url, ReturnUrl));
    }
}
