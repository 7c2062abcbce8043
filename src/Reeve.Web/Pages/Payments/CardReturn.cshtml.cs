using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Features.TakeCardPayments;
using Reeve.Persistence;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.TakeCardPayments;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Payments;

/// <summary>GOV.UK Pay sends the officer back here: the payment's status is asked for (never taken from the URL) and a success is posted once.</summary>
public sealed class CardReturnModel(ReeveDatabase db, IClock clock, IConfiguration configuration) : PageModel
{
    public string Message { get; private set; } = "";

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var pay = new GovUkPaySettings(configuration);
        if (!pay.Configured)
        {
            return NotFound();
        }

        switch (await TakeCardPayment.ConfirmAsync(db, pay.Client(), User.CouncilId(), id, clock.GetCurrentInstant(), ct))
        {
            case Outcome<TakeCardPayment.Confirmed>.Done { Value: var c } when c.Status == "success":
                Notice = $"Card payment of {Show.Money(c.Amount)} taken and put on the account";
                return Redirect($"/accounts/{c.Account}");
            case Outcome<TakeCardPayment.Confirmed>.Done { Value: var c }:
                Message = $"GOV.UK Pay says the payment of {Show.Money(c.Amount)} is '{c.Status}': nothing has been put on account {c.Account}.";
                return Page();
            case Outcome<TakeCardPayment.Confirmed>.Conflict conflict:
                Message = conflict.Message;
                return Page();
            default:
                return NotFound();
        }
    }
}
