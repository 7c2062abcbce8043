using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments;
using Reeve.Payments.Domain.Refunds;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Refunds;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

/// <summary>Asks for a refund of an account's credit (<see cref="RequestRefund"/>), and lists the account's refunds.</summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class RefundModel(ReeveDatabase db, IClock clock) : PageModel
{
    public string Reference { get; private set; } = "";

    public Money Balance { get; private set; }

    public Money Pending { get; private set; }

    public Money Limit { get; private set; }

    public IReadOnlyList<Refund> Refunds { get; private set; } = [];

    [BindProperty]
    public string? Method { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? SortCode { get; set; }

    [BindProperty]
    public string? AccountNumber { get; set; }

    [BindProperty]
    public string? AccountName { get; set; }

    [BindProperty]
    public string? CardPaymentId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) =>
        await LoadAsync(reference, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        RefundMethod? method = Method switch { "bank" => RefundMethod.Bank, "card" => RefundMethod.Card, _ => null };
        if (method is null)
        {
            ModelState.AddModelError("method", "Choose how the refund is paid");
            return Page();
        }

        var outcome = await RequestRefund.RequestAsync(db, ModulusTables.Shipped,
            new RequestRefund.Request(User.CouncilId(), Reference, Amount, method.Value, SortCode, AccountNumber, AccountName, CardPaymentId, Reason,
                User.OfficerUsername(), OfficerAudit.RemoteAddress(HttpContext)),
            UkTime.Today(clock), clock.GetCurrentInstant(), ct);
        switch (outcome)
        {
            case Outcome<Refund>.Done { Value: var refund }:
                Notice = $"Refund {refund.RefundId} of {Show.Money(refund.Amount)}: {refund.Status.Title().ToLowerInvariant()}";
                return Redirect($"/accounts/{Reference}/refund");
            case Outcome<Refund>.Invalid invalid:
                ModelState.AddModelError(invalid.Field, invalid.Message);
                break;
            case Outcome<Refund>.NotFound:
                return NotFound();
            case Outcome<Refund>.Conflict conflict:
                ModelState.AddModelError("", conflict.Message);
                break;
        }

        await LoadAsync(reference, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return false;
        }

        var council = User.CouncilId();
        await using var connection = await db.OpenAsync(ct);
        var account = await AccountStore.FindByReferenceAsync(connection, council, parsed);
        if (account is null)
        {
            return false;
        }

        Reference = account.Reference.Value;
        Balance = await ReadBalance.BalanceAsync(connection, council, account.AccountId);
        Pending = await RefundStore.PendingAsync(connection, null, council, account.AccountId);
        Limit = (await RefundStore.SettingsAsync(connection, null, council)).ApprovalLimit;
        Refunds = await RefundStore.ForAccountAsync(connection, council, account.AccountId);
        return true;
    }
}
