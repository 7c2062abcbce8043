using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Refunds;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Payments;

/// <summary>
/// The refund approvals queue: refunds waiting for a second officer (above the limit) or held for review (new
/// bank details), each marked card or Bacs, with approve and reject for team leaders; approved bank refunds waiting
/// for a Bacs run; and approved card refunds with where paying them through GOV.UK Pay stands, with a button for
/// team leaders to send them (and read back those sent) when GOV.UK Pay is configured.
/// </summary>
[AuditSubject("refunds")]
public sealed class RefundsModel(ReeveDatabase db, IClock clock, IConfiguration configuration) : PageModel
{
    public IReadOnlyList<Refund> ToCards { get; private set; } = [];

    public IReadOnlyDictionary<long, CardRefundState> CardStates { get; private set; } = new Dictionary<long, CardRefundState>();

    public bool PayConfigured => new Features.TakeCardPayments.GovUkPaySettings(configuration).Configured;

    public IReadOnlyList<Refund> Waiting { get; private set; } = [];

    public IReadOnlyList<Refund> ToPay { get; private set; } = [];

    /// <summary>Team Leaders and Managers: never a System Administrator (administration is kept apart from money).</summary>
    public bool CanDecide => User.OfficerRole() is { } role && Reeve.Officers.Roles.MayApproveMoney(role);

    public (long RefundId, string? Note)? Failed { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(long refund, string? decision, string? note, CancellationToken ct)
    {
        if (!CanDecide)
        {
            return Forbid();
        }

        var outcome = await DecideRefund.DecideAsync(db, User.CouncilId(), refund, decision == "approve", note, User.OfficerUsername(), User.OfficerRole()!.Value,
            OfficerAudit.RemoteAddress(HttpContext), UkTime.Today(clock), clock.GetCurrentInstant(), ct);
        switch (outcome)
        {
            case Outcome<Refund>.Done { Value: var done }:
                Notice = $"Refund {done.RefundId} of {Show.Money(done.Amount)} to account {done.Account} {(done.Status == RefundStatus.Approved ? "approved and posted" : "rejected")}";
                return Redirect("/payments/refunds");
            case Outcome<Refund>.NotFound:
                return NotFound();
            case Outcome<Refund>.Invalid { Message: var message }:
                ModelState.AddModelError(FieldFor(refund), message);
                break;
            case Outcome<Refund>.Conflict { Message: var message }:
                ModelState.AddModelError(FieldFor(refund), message);
                break;
        }

        Failed = (refund, note);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Sends approved card refunds to GOV.UK Pay and reads back those already sent; each outcome is kept and shown.</summary>
    public async Task<IActionResult> OnPostPayCardsAsync(CancellationToken ct)
    {
        if (!CanDecide)
        {
            return Forbid();
        }

        var settings = new Features.TakeCardPayments.GovUkPaySettings(configuration);
        if (!settings.Configured)
        {
            Notice = "Card refunds cannot be sent: GOV.UK Pay has no API key configured";
            return Redirect("/payments/refunds");
        }

        var attempts = await PayCardRefunds.PayAsync(db, settings.Client(), User.CouncilId(), User.OfficerUsername(), clock.GetCurrentInstant(), ct);
        var paid = attempts.Count(a => a.State.Status == CardRefundState.Success);
        var failed = attempts.Count(a => a.State.Status is CardRefundState.Refused or CardRefundState.Error);
        Notice = $"{attempts.Count} card refunds sent or checked with GOV.UK Pay: {paid} paid, {failed} refused or failed";
        return Redirect("/payments/refunds");
    }

    public static string FieldFor(long refundId) => $"note-{refundId}";

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Waiting = await RefundStore.ListAsync(connection, null, User.CouncilId(), [RefundStatus.HeldForReview, RefundStatus.AwaitingApproval]);
        var approved = await RefundStore.ListAsync(connection, null, User.CouncilId(), [RefundStatus.Approved]);
        ToPay = approved.Where(r => r.Method == RefundMethod.Bank).ToList();
        ToCards = approved.Where(r => r.Method == RefundMethod.Card).ToList();
        CardStates = await PayCardRefunds.StatesAsync(connection, null, User.CouncilId());
    }
}
