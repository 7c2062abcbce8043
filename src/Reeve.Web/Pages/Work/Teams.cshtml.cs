using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Work;
using Reeve.Web.Security;
using Reeve.Work;

namespace Reeve.Web.Pages.Work;

/// <summary>
/// Which teams each officer works in, for Team Leaders, Managers and System Administrators: the team view groups work by
/// team and an officer's "My work" shows their teams' unassigned items (an officer in no team sees every team's). Each
/// change is written to the audit trail with the teams joined and left.
/// </summary>
public sealed class TeamsModel(ReeveDatabase db, OfficerAudit audit) : PageModel
{
    public IReadOnlyList<OfficerListing> Workers { get; private set; } = [];

    public IReadOnlyList<string> Teams { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Members { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The officer whose form was refused, so its error shows beside it.</summary>
    public string? Refused { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public static bool MaySetTeams(Role? role) => role.MayLeadTeams() || role is Role.SystemAdministrator;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!MaySetTeams(User.OfficerRole()))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? officer, string[]? teams, CancellationToken ct)
    {
        if (!MaySetTeams(User.OfficerRole()))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        var who = Workers.FirstOrDefault(w => w.Username == officer);
        var chosen = (teams ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (who is null)
        {
            ModelState.AddModelError("officer", "Choose an officer who works the queue");
        }
        else if (chosen.FirstOrDefault(t => !Teams.Contains(t, StringComparer.Ordinal)) is { } unknown)
        {
            Refused = who.Username;
            ModelState.AddModelError("teams", $"'{(unknown.Length > 40 ? unknown[..40] + "…" : unknown)}' is not a team: choose from the teams listed");
        }

        if (!ModelState.IsValid || who is null)
        {
            return Page();
        }

        var council = User.CouncilId();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var (joined, left) = await AssignWork.SetTeamsAsync(connection, tx, council, who.Username, chosen);
        if (joined.Count + left.Count > 0)
        {
            string?[] changes = [joined.Count > 0 ? "joined " + string.Join(", ", joined) : null, left.Count > 0 ? "left " + string.Join(", ", left) : null];
            await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Officer, who.Username,
                $"Work queue teams set to {(chosen.Count == 0 ? "none (sees every team's work)" : string.Join(", ", chosen.Order(StringComparer.Ordinal)))}: {string.Join("; ", changes.OfType<string>())}");
        }

        await tx.CommitAsync(ct);
        Notice = joined.Count + left.Count == 0 ? $"{who.DisplayName}'s teams are unchanged" : $"{who.DisplayName}'s teams are saved";
        return Redirect("/work/teams");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var council = User.CouncilId();
        await using var connection = await db.OpenAsync(ct);
        Workers = (await OfficerDirectory.OfCouncilAsync(connection, council)).Where(o => o.Role is Role.Officer or Role.TeamLeader or Role.Manager).ToList();
        Teams = await WorkLists.KnownTeamsAsync(connection, council);
        Members = await WorkLists.TeamMembersAsync(connection, council);
    }

    public IReadOnlyList<string> TeamsOf(string officer) => Members.TryGetValue(officer, out var teams) ? teams : [];
}
