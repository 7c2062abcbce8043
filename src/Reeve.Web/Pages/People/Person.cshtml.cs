using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.PersonCasework;
using Reeve.Web.Features.ViewPerson;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People;

public sealed class PersonModel(ReeveDatabase db, OfficerAudit audit, CaseworkCommand casework) : PageModel
{
    public NodaTime.LocalDate Today => casework.Today;

    [TempData]
    public string? Notice { get; set; }

    public PersonDetails? Details { get; private set; }

    public IReadOnlyList<AuditEntry>? Audit { get; private set; }

    public Reeve.People.TraceTask? OpenTrace { get; private set; }

    /// <summary>Complaints and requests the person made or is the subject of, and the letters answering them.</summary>
    public (IReadOnlyList<Reeve.Cases.CaseFile> Cases, IReadOnlyList<Reeve.Cases.Features.AnswerCase.CaseLetter> Letters) Cases { get; private set; } = ([], []);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Details = await PersonDetails.LoadAsync(connection, User.CouncilId(), id, CaseworkCommand.VulnerabilityRank(User));
        if (Details is null)
        {
            return NotFound();
        }

        OpenTrace = await Reeve.People.TraceTasks.OpenForPartyAsync(connection, User.CouncilId(), id);
        Cases = (await Reeve.Cases.Features.ListCases.ListCases.ForPartyAsync(connection, User.CouncilId(), id),
            await Reeve.Cases.Features.AnswerCase.CaseLetters.ForPartyAsync(connection, User.CouncilId(), id));
        var subjectId = id.ToString(CultureInfo.InvariantCulture);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Person, subjectId, "Person page");
        if (User.CanReadAudit())
        {
            Audit = await AuditTrail.ForSubjectAsync(connection, User.CouncilId(), OfficerAudit.Subjects.Person, subjectId, 50);
        }

        return Page();
    }
}
