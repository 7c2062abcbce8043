using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Reeve.Portal.Security;

namespace Reeve.Portal.Pages;

/// <summary>
/// Signs the resident out (a POST from the header's button); the officers' cookie, if any, is left alone. The resident
/// policy is named so that the request is read as the resident's (the form's anti-forgery token was made for them);
/// anyone may still post here.
/// </summary>
[Authorize(Policy = ResidentAuthentication.Policy)]
[AllowAnonymous]
public sealed class SignOutModel : PortalPage
{
    public IActionResult OnGet() => Redirect("/portal");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ResidentAuthentication.Scheme);
        PendingCodes.Forget(Response);
        return Redirect("/portal");
    }
}
