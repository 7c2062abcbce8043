using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Jobs;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Jobs;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Jobs;

/// <summary>
/// The scheduled jobs: each one's last and next run, its outcome and what it did, with "Run now", pause and resume, and
/// the history of runs. For Team Leaders, Managers and System Administrators; every look and every action is audited.
/// </summary>
public sealed class IndexModel(JobsHost jobs, ReeveDatabase db, IClock clock, OfficerAudit audit) : PageModel
{
    public const string Subject = "scheduled-job";

    public IReadOnlyList<JobStatus> Jobs { get; private set; } = [];

    public IReadOnlyList<JobRun> History { get; private set; } = [];

    public bool FiresHere => jobs.FiresHere;

    public string Folder => jobs.Folder;

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!JobsHost.MayManage(User.OfficerRole()))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, Subject, "all", "Viewed the scheduled jobs and their runs");
        return Page();
    }

    public Task<IActionResult> OnPostRunAsync(string job, CancellationToken ct) =>
        ActAsync(job, "Asked for a run now of", async (s, key) => await s.RunNowAsync(key, User.OfficerUsername(), ct), ct);

    public Task<IActionResult> OnPostPauseAsync(string job, CancellationToken ct) =>
        ActAsync(job, "Paused", async (s, key) => await s.PauseAsync(key, ct), ct);

    public Task<IActionResult> OnPostResumeAsync(string job, CancellationToken ct) =>
        ActAsync(job, "Resumed", async (s, key) => await s.ResumeAsync(key, ct), ct);

    private async Task<IActionResult> ActAsync(string? job, string did, Func<ReeveScheduler, string, Task<bool>> act, CancellationToken ct)
    {
        if (!JobsHost.MayManage(User.OfficerRole()))
        {
            return Forbid();
        }

        var scheduler = await jobs.SchedulerAsync(ct);
        if (job is not { Length: > 0 and <= 100 } || scheduler.Runner.Find(job) is not { } found)
        {
            ModelState.AddModelError("job", "Choose one of the jobs listed");
            await LoadAsync(ct);
            return Page();
        }

        await act(scheduler, job);
        var title = found.Definition.Title;
        await using (var connection = await db.OpenAsync(ct))
        {
            await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.Change, Subject, job, $"{did} the job '{title}'");
        }

        Done = $"{did} {title}." + (did.StartsWith("Asked", StringComparison.Ordinal)
            ? jobs.FiresHere ? " It runs in a moment: refresh the page to see its outcome." : " The scheduler in `reeve jobs run` picks it up within a few seconds."
            : "");
        return Redirect("/jobs");
    }

    /// <summary>"9 March 2026 at 06:00", in UK time.</summary>
    public static string When(Instant? at) => at is { } i
        ? $"{Show.Date(i.InZone(Kernel.UkTime.Zone).Date)} at {i.InZone(Kernel.UkTime.Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)}"
        : "Not known";

    public static (string Text, string Colour) Outcome(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Running => ("Running", "govuk-tag--blue"),
        RunOutcome.Succeeded => ("Succeeded", "govuk-tag--green"),
        RunOutcome.Failed => ("Failed", "govuk-tag--red"),
        RunOutcome.Skipped => ("Skipped", "govuk-tag--grey"),
    };

    public static string How(RunTrigger trigger) => trigger switch
    {
        RunTrigger.Schedule => "On schedule",
        RunTrigger.RunNow => "Run now",
        RunTrigger.Recovered => "Resumed after a crash",
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        var scheduler = await jobs.SchedulerAsync(ct);
        Jobs = await JobsOverview.ReadAsync(scheduler, clock.GetCurrentInstant(), ct);
        await using var connection = await db.OpenAsync(ct);
        History = await JobRuns.RecentAsync(connection, null, 50);
    }
}
