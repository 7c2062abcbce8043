using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Portal.Features.SendCode;
using Reeve.Portal.Security;

namespace Reeve.Portal.Pages;

/// <summary>Later visits: an email address gets a code. The page answers the same whether or not the address is known.</summary>
[AllowAnonymous]
public sealed class SignInModel(ReeveDatabase db, PortalCouncil portal, PendingCodes pending, IClock clock, IServiceProvider services)
    : SignInFlowPage(db, portal, pending, clock, services)
{
    [BindProperty]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Sender is not { } sender)
        {
            ModelState.AddModelError("email", NoEmail);
            return Page();
        }

        var now = Clock.GetCurrentInstant();
        var outcome = await StepAsync((connection, tx, council) =>
            SendCode.HandleAsync(connection, tx, council, sender, Email, CodePurpose.SignIn, null, RemoteAddress, now, ct), ct);
        return CodeSent(outcome);
    }
}
