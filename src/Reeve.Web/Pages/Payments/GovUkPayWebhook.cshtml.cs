using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Payments.Features.TakeCardPayments;
using Reeve.Persistence;
using Reeve.Web.Features.TakeCardPayments;

namespace Reeve.Web.Pages.Payments;

/// <summary>
/// GOV.UK Pay's webhook. It is not signed in and carries no anti-forgery token: the Pay-Signature header
/// (hex HMAC-SHA256 of the body with the webhook's signing secret) is what proves it came from GOV.UK Pay.
/// A payment it names is confirmed by asking GOV.UK Pay, then posted once.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class GovUkPayWebhookModel(ReeveDatabase db, IClock clock, IConfiguration configuration) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var pay = new GovUkPaySettings(configuration);
        if (!pay.Configured || pay.WebhookSecret is not { } secret)
        {
            return NotFound();
        }

        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        if (!GovUkPayClient.SignatureIsValid(body, Request.Headers["Pay-Signature"], secret))
        {
            return Unauthorized();
        }

        if (GovUkPayClient.ReadWebhook(body) is { } payment)
        {
            await TakeCardPayment.FromWebhookAsync(db, pay.Client(), payment.PaymentId, clock.GetCurrentInstant(), ct);
        }

        return new OkResult();
    }
}
