using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Cases.Features.ExportSubjectAccess;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.SubjectAccess;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People;

/// <summary>
/// The subject access pack for a person (UK GDPR Art 15): everything Reeve holds on them as one zip. Making it is
/// audited by the export itself, with the officer and address.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class SubjectAccessModel(ReeveDatabase db, IClock clock) : PageModel
{
    public long PartyId { get; private set; }

    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var party = await PartyReader.GetAsync(connection, User.CouncilId(), id);
        if (party is null)
        {
            return NotFound();
        }

        (PartyId, Name) = (id, party.DisplayName);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await SubjectAccessExport.HandleAsync(connection, tx, User.CouncilId(), id, PersonalDataSources.All, User.OfficerUsername(),
            OfficerAudit.RemoteAddress(HttpContext), clock.GetCurrentInstant());
        if (outcome is not Outcome<SubjectAccessExport.Pack>.Done { Value: var pack })
        {
            return NotFound();
        }

        await tx.CommitAsync(ct);
        // The export wrote its own audit row; the page adds no "view" row of its own.
        OfficerAudit.MarkRecorded(HttpContext);
        return File(pack.Zip, "application/zip", pack.FileName);
    }
}
