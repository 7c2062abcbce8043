using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Security;
using Reeve.Web.Features.Auditing;

namespace Reeve.Web.Pages.Recovery;

/// <summary>What a run on a date would do to every account, and why; nothing is written.</summary>
[AuditSubject("recovery-preview")]
public sealed class PreviewModel(ReeveDatabase db, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    public RecoveryRunReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        var parsed = DateText.Iso.Parse(Date ?? "");
        var date = parsed.Success ? parsed.Value : today;
        Date = DateText.Iso.Format(date);
        await using var connection = await db.OpenAsync(ct);
        var outcome = await PreviewRecoveryRun.HandleAsync(connection, null, new RecoveryRunOptions(User.CouncilId(), date, today, User.OfficerUsername()), ct);
        switch (outcome)
        {
            case Outcome<RecoveryRunReport>.Done { Value: var report }:
                Report = report;
                break;
            case Outcome<RecoveryRunReport>.Invalid invalid:
                ModelState.AddModelError("date", invalid.Message);
                break;
            default:
                ModelState.AddModelError("date", "The preview could not be worked out");
                break;
        }
    }
}
