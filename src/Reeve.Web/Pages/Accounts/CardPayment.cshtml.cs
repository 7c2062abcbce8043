using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Features.TakeCardPayments;
using Reeve.Persistence;
using Reeve.Web.Features.TakeCardPayments;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

/// <summary>An officer takes a card payment for the account: GOV.UK Pay's page takes the card, then returns here.</summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class CardPaymentModel(ReeveDatabase db, IClock clock, IConfiguration configuration) : PageModel
{
    public string Reference { get; private set; } = "";

    public bool Configured { get; private set; }

    [BindProperty]
    public string? Amount { get; set; }

    public IActionResult OnGet(string reference)
    {
        Reference = reference;
        Configured = new GovUkPaySettings(configuration).Configured;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        Reference = reference;
        var pay = new GovUkPaySettings(configuration);
        Configured = pay.Configured;
        if (!Configured)
        {
            ModelState.AddModelError("amount", "Card payments are not set up for this council: GOV.UK Pay has no API key configured");
            return Page();
        }

        var baseUrl = $"{Request.Scheme}://{Request.Host}";
        Outcome<TakeCardPayment.Started> outcome;
        try
        {
            outcome = await TakeCardPayment.StartAsync(db, pay.Client(), User.CouncilId(), reference, Amount, User.OfficerUsername(),
                id => $"{baseUrl}/payments/card/{id}/return", clock.GetCurrentInstant(), ct);
        }
        catch (Exception e) when (e is GovUkPayException or HttpRequestException or TaskCanceledException)
        {
            ModelState.AddModelError("amount", $"GOV.UK Pay could not take the payment just now; nothing was taken. ({e.Message})");
            return Page();
        }

        switch (outcome)
        {
            case Outcome<TakeCardPayment.Started>.Done { Value: var started }:
                return Redirect(started.NextUrl);
            case Outcome<TakeCardPayment.Started>.NotFound:
                return NotFound();
            case Outcome<TakeCardPayment.Started>.Invalid invalid:
                ModelState.AddModelError(invalid.Field == "account" ? "amount" : invalid.Field, invalid.Message);
                return Page();
            case Outcome<TakeCardPayment.Started>.Conflict conflict:
                ModelState.AddModelError("amount", conflict.Message);
                return Page();
            default:
                throw new InvalidOperationException("Unexpected result");
        }
    }
}
