using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.PersonCasework;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People.Tracing;

/// <summary>
/// The trace work queue: every open trace task, soonest due first, with what the person owes, how long the task has
/// been open, who works it and the last source tried. The filter is a plain GET form, so it works without JavaScript;
/// the list names people, so looking at it is audited.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class IndexModel(ReeveDatabase db, OfficerAudit audit, CaseworkCommand casework) : PageModel
{
    public NodaTime.LocalDate Today => casework.Today;

    [BindProperty(SupportsGet = true)]
    public string? Officer { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    public IReadOnlyList<TraceQueueItem> Tasks { get; private set; } = [];

    public IReadOnlyList<string> Officers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Officers = await TraceTasks.AssigneesAsync(connection, User.CouncilId());
        var officer = string.IsNullOrWhiteSpace(Officer) ? null : Officer;
        Tasks = await TraceTasks.QueueAsync(connection, User.CouncilId(), Today, officer, Overdue);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.Search, OfficerAudit.Subjects.Person, "",
            $"Trace work queue{(officer is null ? "" : " for " + officer)}{(Overdue ? ", overdue only" : "")}");
    }
}
