using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages;

/// <summary>
/// Local sign-in: hashed passwords and lockout are OfficerStore's; an officer with a second factor goes on to
/// /sign-in/code; each sign-in starts a server-side session; every attempt is audited.
/// </summary>
public sealed class SignInModel(ReeveDatabase db, IClock clock) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "signed-out")]
    public bool SignedOut { get; set; }

    /// <summary>Arrived from a one-time password link just used.</summary>
    [BindProperty(SupportsGet = true, Name = "password-set")]
    public bool PasswordSet { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        SignedOut = false;
        PasswordSet = false;
        if (string.IsNullOrWhiteSpace(Username))
        {
            ModelState.AddModelError("username", "Enter your username");
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError("password", "Enter your password");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var username = Username!.Trim();
        var now = clock.GetCurrentInstant();
        var remote = OfficerAudit.RemoteAddress(HttpContext);
        await using var connection = await db.OpenAsync(ct);
        var result = await OfficerStore.SignInAsync(connection, username, Password!, remote, now);
        if (result.Officer is not { } officer)
        {
            // Recorded against the officer's home council, or against every council when the username is unknown.
            var known = await OfficerStore.GetAsync(connection, username);
            var councils = known is not null
                ? [known.HomeCouncil]
                : (await CouncilStore.AllAsync(connection)).Select(c => c.Id).ToList();
            var typed = username.Length > 100 ? username[..100] : username;
            foreach (var council in councils)
            {
                await AuditTrail.RecordAsync(connection, null, council, typed, AuditTrail.Actions.SignInFailed, OfficerAudit.Subjects.Officer,
                    typed, result.Problem ?? "Sign-in refused", remote, now);
            }

            ModelState.AddModelError("username", result.Problem ?? OfficerStore.Refused);
            Password = null;
            return Page();
        }

        if (await SecondFactors.IsEnrolledAsync(connection, officer.OfficerId))
        {
            // The password was right; the code from the officer's authenticator app comes next, on its own page.
            OfficerSignIn.HoldForCode(HttpContext, officer);
            return LocalRedirect("/sign-in/code?returnUrl=" + Uri.EscapeDataString(SafeReturnUrl()));
        }

        await OfficerSignIn.CompleteAsync(HttpContext, connection, officer, "Signed in", now);
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => OfficerSignIn.SafeReturnUrl(Url, ReturnUrl);
}
