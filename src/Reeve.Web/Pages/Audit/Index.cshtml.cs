using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Security;
using Reeve.Web.Features.Auditing;

namespace Reeve.Web.Pages.Audit;

/// <summary>The council's audit trail for roles that may read it, by officer or by subject.</summary>
[AuditSubject("audit-trail")]
public sealed class IndexModel(ReeveDatabase db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Officer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string Caption { get; private set; } = "Recent activity";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var council = User.CouncilId();
        var officer = string.IsNullOrWhiteSpace(Officer) ? null : Officer.Trim().ToLowerInvariant();
        if (!string.IsNullOrWhiteSpace(Kind) && !string.IsNullOrWhiteSpace(Id))
        {
            Entries = await AuditTrail.ForSubjectAsync(connection, council, Kind.Trim(), Id.Trim());
            if (officer is not null)
            {
                Entries = Entries.Where(e => e.Officer == officer).ToList();
            }

            Caption = $"Activity on {Kind} {Id}";
        }
        else
        {
            Entries = await AuditTrail.RecentAsync(connection, council, officer);
            if (!string.IsNullOrWhiteSpace(Kind))
            {
                Entries = Entries.Where(e => e.SubjectKind == Kind).ToList();
            }

            Caption = officer is null ? "Recent activity" : $"Recent activity by {officer}";
        }
    }
}
