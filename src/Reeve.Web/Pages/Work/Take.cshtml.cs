using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;
using Reeve.Web.Features.Work;
using Reeve.Work;

namespace Reeve.Web.Pages.Work;

/// <summary>"Take" on My work: assigns an open, unassigned item to the signed-in officer (audited), then goes back.</summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class TakeModel(ReeveDatabase db, OfficerAudit audit) : PageModel
{
    [TempData]
    public string? Notice { get; set; }

    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(long? id, string? returnUrl, CancellationToken ct)
    {
        if (id is not { } itemId)
        {
            ModelState.AddModelError("", "Choose the work to take");
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await AssignWork.TakeAsync(connection, tx, User.CouncilId(), itemId, User.OfficerUsername());
        switch (outcome)
        {
            case Outcome<WorkItem>.Done { Value: var item }:
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, WorkAudit.Subject, item.WorkItemId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"Took \"{item.Title}\" ({item.Kind})");
                await tx.CommitAsync(ct);
                Notice = $"You have taken: {item.Title}";
                return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
            case Outcome<WorkItem>.NotFound:
                return NotFound();
            case Outcome<WorkItem>.Conflict { Message: var message }:
                ModelState.AddModelError("", message);
                break;
            default:
                throw new InvalidOperationException($"Taking work answered {outcome}");
        }

        await tx.RollbackAsync(ct);
        return Page();
    }
}
