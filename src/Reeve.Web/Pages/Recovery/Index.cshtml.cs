using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Recovery;

/// <summary>The recovery runs, newest first, with today's run to preview or prepare.</summary>
public sealed class IndexModel(ReeveDatabase db, IClock clock) : PageModel
{
    public IReadOnlyList<RecoveryRunSummary> Runs { get; private set; } = [];

    public LocalDate Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = UkTime.Today(clock);
        await using var connection = await db.OpenAsync(ct);
        Runs = await ListRecoveryRuns.HandleAsync(connection, User.CouncilId());
    }

    public async Task<IActionResult> OnPostPrepareAsync(CancellationToken ct)
    {
        // Reading is open to every signed-in officer; changing needs a role that may change (Auditors only read).
        if (!User.CanChange())
        {
            return Forbid();
        }

        Today = UkTime.Today(clock);
        await using var connection = await db.OpenAsync(ct);
        Outcome<RecoveryRunReport> outcome;
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            outcome = await PrepareRecoveryRun.HandleAsync(connection, tx, new RecoveryRunOptions(User.CouncilId(), Today, Today, User.OfficerUsername()), clock.GetCurrentInstant(), ct);
            if (outcome is Outcome<RecoveryRunReport>.Done { Value.RunId: { } runId })
            {
                await tx.CommitAsync(ct);
                return Redirect($"/recovery/runs/{runId}");
            }
        }

        ModelState.AddModelError("prepare", outcome switch
        {
            Outcome<RecoveryRunReport>.Invalid invalid => invalid.Message,
            Outcome<RecoveryRunReport>.Conflict conflict => conflict.Message,
            _ => "The run could not be prepared",
        });
        Runs = await ListRecoveryRuns.HandleAsync(connection, User.CouncilId());
        return Page();
    }
}
