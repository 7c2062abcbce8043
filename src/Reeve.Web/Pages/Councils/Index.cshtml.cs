using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Councils;

/// <summary>The councils of this installation, and creating a new one (its set-up task list follows).</summary>
[Authorize(Policy = Authentication.SystemAdministratorPolicy)]
public sealed class IndexModel(ReeveDatabase db, IClock clock) : PageModel
{
    [BindProperty(Name = "code")] public string? Code { get; set; }
    [BindProperty(Name = "name")] public string? Name { get; set; }

    public IReadOnlyList<Council> Councils { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Councils = await CouncilStore.AllAsync(connection);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var actor = new AdminActor(User.OfficerUsername(), User.OfficerRole()!.Value, User.CouncilId(), OfficerAudit.RemoteAddress(HttpContext));
        switch (await CreateCouncil.HandleAsync(connection, tx, actor, Code, Name, clock.GetCurrentInstant()))
        {
            case Outcome<Council>.Done { Value: var council }:
                await tx.CommitAsync(ct);
                TempData["Notice"] = $"{council.Name} created: set it up below";
                return Redirect($"/councils/{council.Id.Value}");
            case Outcome<Council>.Invalid { Field: var field, Message: var message }:
                ModelState.AddModelError(field, message);
                break;
            case Outcome<Council>.Conflict { Message: var message }:
                ModelState.AddModelError("", message);
                break;
        }

        await tx.RollbackAsync(ct);
        Councils = await CouncilStore.AllAsync(connection);
        return Page();
    }
}
