using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Officers;

/// <summary>
/// Officers of this council shut out by wrong passwords, and from which addresses, with an Unlock for Team Leaders,
/// Managers and administrators. Unlocking is audited (UnlockOfficer).
/// </summary>
[Authorize(Policy = Authentication.MayUnlockOfficersPolicy)]
public sealed class LockedModel(ReeveDatabase db, IClock clock) : PageModel
{
    public IReadOnlyList<SignInLock> Locks { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Locks = await OfficerStore.LocksAsync(connection, User.CouncilId(), clock.GetCurrentInstant());
    }

    public async Task<IActionResult> OnPostAsync(string? username, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await UnlockOfficer.HandleAsync(connection, tx, User.CouncilId(), username ?? "", User.OfficerUsername(), User.OfficerRole()!.Value,
            OfficerAudit.RemoteAddress(HttpContext), clock.GetCurrentInstant());
        switch (outcome)
        {
            case Outcome<int>.Done { Value: var count }:
                await tx.CommitAsync(ct);
                Notice = $"{username} unlocked: {count} address{(count == 1 ? "" : "es")} may sign in again";
                return Redirect("/officers/locked");
            case Outcome<int>.NotFound:
                return NotFound();
            case Outcome<int>.Conflict { Message: var message }:
                ModelState.AddModelError("", message);
                break;
        }

        await tx.RollbackAsync(ct);
        await OnGetAsync(ct);
        return Page();
    }
}
