using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Security;
using Reeve.Web.Features.Auditing;

namespace Reeve.Web.Pages.Recovery;

/// <summary>
/// One run: its counts, approval by a Team Leader or Manager who did not prepare it, execution, and the notices
/// and steps it recorded.
/// </summary>
[AuditSubject("recovery-run", "id")]
public sealed class RunModel(ReeveDatabase db, IClock clock) : PageModel
{
    public RecoveryRunSummary? Run { get; private set; }

    public ResultPage<RecoveryNotice> Notices { get; private set; } = ResultPage.Empty<RecoveryNotice>(ViewRecoveryRun.PageSize);

    public IReadOnlyList<StepTotal> Totals { get; private set; } = [];

    /// <summary>Only the notices of this kind (a step code), or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Step { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public bool MayApprove => Run is { Status: "prepared" } run && User.OfficerRole() is Role.TeamLeader or Role.Manager
        && !string.Equals(run.PreparedBy, User.OfficerUsername(), StringComparison.OrdinalIgnoreCase);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(long id, CancellationToken ct)
    {
        // Reading is open to every signed-in officer; changing needs a role that may change (Auditors only read).
        if (!User.CanChange())
        {
            return Forbid();
        }

        Outcome<RecoveryRunSummary> outcome;
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            outcome = await ApproveRecoveryRun.HandleAsync(connection, tx, User.CouncilId(), id, User.OfficerUsername(), clock.GetCurrentInstant());
            if (outcome is Outcome<RecoveryRunSummary>.Done)
            {
                await tx.CommitAsync(ct);
            }
        }

        return await AfterAsync(id, outcome is Outcome<RecoveryRunSummary>.Done ? null : Message(outcome), "approve", "Run approved", ct);
    }

    public async Task<IActionResult> OnPostExecuteAsync(long id, CancellationToken ct)
    {
        // Reading is open to every signed-in officer; changing needs a role that may change (Auditors only read).
        if (!User.CanChange())
        {
            return Forbid();
        }

        var outcome = await ExecuteRecoveryRun.HandleAsync(db, User.CouncilId(), id, UkTime.Today(clock), User.OfficerUsername(), clock, ct: ct);
        return await AfterAsync(id, outcome is Outcome<RecoveryRunReport>.Done ? null : Message(outcome), "execute",
            outcome is Outcome<RecoveryRunReport>.Done { Value: var r } ? $"Run executed: {r.NoticesWritten:N0} notices and steps recorded" : "", ct);
    }

    private async Task<IActionResult> AfterAsync(long id, string? error, string field, string done, CancellationToken ct)
    {
        if (error is null)
        {
            Notice = done;
            return Redirect($"/recovery/runs/{id}");
        }

        ModelState.AddModelError(field, error);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private static string Message<T>(Outcome<T> outcome) => outcome switch
    {
        Outcome<T>.Invalid invalid => invalid.Message,
        Outcome<T>.Conflict conflict => conflict.Message,
        Outcome<T>.NotFound notFound => $"There is no {notFound.What}",
        _ => "Refused",
    };

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // A step code is a few lower-case words joined by hyphens; anything else shows every step.
        var step = Step is { Length: > 0 and <= 40 } code && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ? code : null;
        if (await ViewRecoveryRun.HandleAsync(connection, User.CouncilId(), id, step, Math.Clamp(PageNumber, 1, 1_000_000)) is not { } view)
        {
            return false;
        }

        (Run, Totals, Notices, Step) = (view.Run, view.Totals, view.Notices, step);
        return true;
    }
}
