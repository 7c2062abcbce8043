using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

/// <summary>
/// The form carries the account's version as read; if someone else saved first the officer is told and
/// shown the account as it is now, rather than overwriting their change.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class PaymentMethodModel(ReeveDatabase db, IClock clock) : PageModel
{
    public string Reference { get; private set; } = "";

    public string Current { get; private set; } = "";

    [BindProperty]
    public string? PaymentMethod { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        var account = await LoadAsync(reference, ct);
        if (account is null)
        {
            return NotFound();
        }

        PaymentMethod = account.PaymentMethod;
        Version = account.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return NotFound();
        }

        var outcome = await ChangePaymentMethod.ChangeAsync(db, User.CouncilId(), parsed, PaymentMethod, Version,
            new ChangePaymentMethod.Officer(User.OfficerUsername(), OfficerAudit.RemoteAddress(HttpContext)), clock.GetCurrentInstant(), ct);
        switch (outcome)
        {
            case Outcome<Account>.Done done:
                Notice = $"Payment method changed to {Show.PaymentMethod(done.Value.PaymentMethod)}";
                return Redirect($"/accounts/{parsed.Value}");
            case Outcome<Account>.NotFound:
                return NotFound();
            case Outcome<Account>.Invalid invalid:
                ModelState.AddModelError("paymentMethod", invalid.Message);
                break;
            case Outcome<Account>.Conflict conflict:
                ModelState.AddModelError("paymentMethod", conflict.Message);
                break;
        }

        // Show the form again against the account as it is now, so a second save is deliberate.
        var account = await LoadAsync(reference, ct);
        if (account is null)
        {
            return NotFound();
        }

        Version = account.Version;
        ModelState.Remove(nameof(Version));
        return Page();
    }

    private async Task<Account?> LoadAsync(string reference, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return null;
        }

        await using var connection = await db.OpenAsync(ct);
        var account = await AccountStore.FindByReferenceAsync(connection, User.CouncilId(), parsed);
        if (account is not null)
        {
            Reference = account.Reference.Value;
            Current = account.PaymentMethod;
        }

        return account;
    }
}
