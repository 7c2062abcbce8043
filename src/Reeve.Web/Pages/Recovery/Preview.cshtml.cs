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

    /// <summary>Only the accounts at this stage (a stage code), or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public const int PageSize = 50;

    public RecoveryRunReport? Report { get; private set; }

    public IReadOnlyList<StageTotal> Totals { get; private set; } = [];

    public ResultPage<RecoveryRunLine> Lines { get; private set; } = ResultPage.Empty<RecoveryRunLine>(PageSize);

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
                Totals = report.Totals().Where(t => t.Accounts > 0).ToList();
                Stage = Totals.Any(t => t.Stage == Stage) ? Stage : null;
                Lines = report.LinesPage(Stage, PageNumber, PageSize);
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
