using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Payments;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Payments;

/// <summary>
/// Reversals that lower what is owed by more than the council's approval limit, waiting for a Team Leader or Manager
/// other than the officer who asked, with approve and reject (ReverseLedgerEntry decides).
/// </summary>
public sealed class ReversalsModel(ReeveDatabase db, IClock clock) : PageModel
{
    public IReadOnlyList<ReverseLedgerEntry.Waiting> Waiting { get; private set; } = [];

    public bool CanDecide => User.OfficerRole() is { } role && role.MayApproveMoney();

    public (long RequestId, string? Note)? Failed { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public static string FieldFor(long requestId) => $"note-{requestId}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Waiting = await ReverseLedgerEntry.WaitingAsync(connection, User.CouncilId());
    }

    public async Task<IActionResult> OnPostAsync(long request, string? decision, string? note, CancellationToken ct)
    {
        if (User.OfficerRole() is not { } role || !role.CanChange())
        {
            return Forbid();
        }

        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            var outcome = await ReverseLedgerEntry.DecideAsync(connection, tx, User.CouncilId(), request, decision == "approve", note, User.OfficerUsername(), role,
                OfficerAudit.RemoteAddress(HttpContext), UkTime.Today(clock), clock.GetCurrentInstant());
            switch (outcome)
            {
                case Outcome<ReverseLedgerEntry.Result>.Done { Value: var done }:
                    await tx.CommitAsync(ct);
                    Notice = done.Posted is { } posted ? $"Reversal request {request} approved: entry {posted.ReversesEntryId} reversed" : done.Message;
                    return Redirect("/payments/reversals");
                case Outcome<ReverseLedgerEntry.Result>.NotFound:
                    return NotFound();
                case Outcome<ReverseLedgerEntry.Result>.Invalid { Message: var message }:
                    ModelState.AddModelError(FieldFor(request), message);
                    break;
                case Outcome<ReverseLedgerEntry.Result>.Conflict { Message: var message }:
                    ModelState.AddModelError(FieldFor(request), message);
                    break;
            }
        }

        Failed = (request, note);
        await OnGetAsync(ct);
        return Page();
    }
}
