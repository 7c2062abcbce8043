using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Work;
using Reeve.Web.Security;
using Reeve.Work;

namespace Reeve.Web.Pages.Work;

/// <summary>
/// The team view for Team Leaders and Managers: every open item of the council by deadline, each officer's open and
/// overdue counts, filters by officer and kind, and bulk reassignment (checkboxes and a select, a plain form post),
/// each item moved written to the audit trail.
/// </summary>
public sealed class TeamModel(ReeveDatabase db, IClock clock, OfficerAudit audit) : PageModel
{
    public const string FormId = "reassign";

    /// <summary>The "move to" choice that puts items back on their team's queue, unassigned.</summary>
    public const string BackToTeam = "-";

    [BindProperty(Name = "officer", SupportsGet = true)]
    public string? Officer { get; set; }

    [BindProperty(Name = "kind", SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public WorkView? View { get; private set; }

    public IReadOnlyList<OfficerLoad> Loads { get; private set; } = [];

    public IReadOnlyList<OfficerListing> Officers { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.OfficerRole().MayLeadTeams())
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long[]? items, string? to, CancellationToken ct)
    {
        if (!User.OfficerRole().MayLeadTeams())
        {
            return Forbid();
        }

        var chosen = (items ?? []).Where(i => i > 0).Distinct().Take(1_000).ToList();
        await using var connection = await db.OpenAsync(ct);
        var council = User.CouncilId();
        var officers = await OfficerDirectory.OfCouncilAsync(connection, council);
        var target = to == BackToTeam ? null : officers.FirstOrDefault(o => o.Username == to);
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("items", "Select the work to move");
        }

        if (target is null && to != BackToTeam)
        {
            ModelState.AddModelError("to", "Choose the officer to move the work to, or back to the team");
        }
        else if (target is { Role: not (Role.Officer or Role.TeamLeader or Role.Manager) })
        {
            ModelState.AddModelError("to", $"{target.DisplayName} is {target.Role.WithArticle()} and does not work the queue");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        var moved = await AssignWork.ReassignAsync(connection, tx, council, chosen, target?.Username);
        var toWhom = target is null ? "back to the team" : $"to {target.DisplayName}";
        foreach (var item in moved)
        {
            await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, WorkAudit.Subject,
                item.WorkItemId.ToString(CultureInfo.InvariantCulture),
                $"Moved \"{item.Title}\" from {item.AssignedTo ?? "the team"} {toWhom}");
        }

        await tx.CommitAsync(ct);
        Notice = $"{moved.Count} {(moved.Count == 1 ? "item" : "items")} moved {toWhom}";
        return Redirect("/work/team" + Request.QueryString);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        var council = User.CouncilId();
        Kind = WorkRows.KindFrom(Kind);
        Officer = string.IsNullOrWhiteSpace(Officer) || Officer.Length > 100 ? null : Officer;
        await using var connection = await db.OpenAsync(ct);
        var page = await WorkLists.TeamAsync(connection, council, Officer, Kind, Math.Clamp(PageNumber, 1, 100_000), today);
        View = await WorkRows.ForAsync(connection, council, page, Kind, today);
        Loads = await WorkLists.LoadsAsync(connection, council, today);
        Officers = await OfficerDirectory.OfCouncilAsync(connection, council);
    }

    public string NameOf(string? username) => username is null
        ? "Unassigned"
        : Officers.FirstOrDefault(o => o.Username == username)?.DisplayName ?? username;
}
