using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Portal.Domain;
using Reeve.Portal.Features.ProveAccount;
using Reeve.Portal.Features.SendCode;
using Reeve.Portal.Security;

namespace Reeve.Portal.Pages;

/// <summary>
/// The first visit: prove an account with its reference, the property's postcode and the last bill's amount, and give an
/// email address, which gets a code. The account is linked only once the code comes back.
/// </summary>
[AllowAnonymous]
public sealed class SetUpModel(ReeveDatabase db, PortalCouncil portal, PendingCodes pending, IClock clock, IServiceProvider services)
    : SignInFlowPage(db, portal, pending, clock, services), IProofForm
{
    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? Postcode { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

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

        var email = EmailAddress.Normalise(Email);
        if (EmailAddress.Problem(email) is { } problem)
        {
            ModelState.AddModelError("email", problem);
            return Page();
        }

        var now = Clock.GetCurrentInstant();
        var outcome = await StepAsync(async (connection, tx, council) =>
            await ProveAccount.HandleAsync(connection, tx, council, new ProofAnswers(Reference, Postcode, Amount), RemoteAddress, now) switch
            {
                Outcome<Account>.Done { Value: var account } => await SendCode.HandleAsync(
                    connection, tx, council, sender, email, CodePurpose.SignUp, account.AccountId, RemoteAddress, now, ct),
                Outcome<Account>.Invalid invalid => new Outcome<PendingCode>.Invalid(invalid.Field, invalid.Message),
                Outcome<Account>.Conflict conflict => new Outcome<PendingCode>.Invalid("proof", conflict.Message),
                var other => throw new InvalidOperationException($"Proving an account answered {other}"),
            }, ct);
        return CodeSent(outcome);
    }
}
