using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Portal.Domain;
using Reeve.Portal.Features.ConfirmCode;
using Reeve.Portal.Features.LinkedAccounts;
using Reeve.Portal.Security;

namespace Reeve.Portal.Pages;

/// <summary>The code from the email: right, in time and unused signs the resident in (and links the account they proved).</summary>
[AllowAnonymous]
public sealed class CheckEmailModel(ReeveDatabase db, PortalCouncil portal, PendingCodes pending, IClock clock, IServiceProvider services)
    : SignInFlowPage(db, portal, pending, clock, services)
{
    public string Email { get; private set; } = "";

    public long Minutes => (long)SignInLimits.CodeLifetime.TotalMinutes;

    [BindProperty]
    public string? Code { get; set; }

    public IActionResult OnGet()
    {
        if (Pending.Read(Request) is not { } code)
        {
            return Redirect("/portal/sign-in");
        }

        Email = code.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Pending.Read(Request) is not { } code)
        {
            return Redirect("/portal/sign-in");
        }

        Email = code.Email;
        var now = Clock.GetCurrentInstant();
        var outcome = await StepAsync((connection, tx, council) => ConfirmCode.HandleAsync(connection, tx, council, code, Code, RemoteAddress, now), ct);
        return outcome is Outcome<ResidentUser>.Done { Value: var user } ? await SignInAsync(user, ct) : Answer(outcome, _ => Page());
    }
}
