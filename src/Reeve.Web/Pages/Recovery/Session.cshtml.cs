using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Security;
using Reeve.Web.Features.Auditing;

namespace Reeve.Web.Pages.Recovery;

/// <summary>
/// A court session's complaint list (on screen, as CSV, as a printable page and as a PDF) and the hearing's outcomes,
/// entered for the whole list at once and recorded all or nothing.
/// </summary>
[AuditSubject("court-session", "id")]
public sealed class SessionModel(ReeveDatabase db, IClock clock) : PageModel
{
    public CourtSession? Session { get; private set; }

    public IReadOnlyList<ComplaintLine> Lines { get; private set; } = [];

    public IReadOnlyList<OutcomeResult> Recorded { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) is null ? NotFound() : Page();

    public Task<IActionResult> OnGetCsvAsync(long id, CancellationToken ct) => FileAsync(id, ComplaintListFormat.Csv, ct);

    public async Task<IActionResult> OnGetPrintAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } list)
        {
            return NotFound();
        }

        var file = ProduceComplaintList.File(list, ComplaintListFormat.Html);
        return File(file.Content, file.ContentType);
    }

    public Task<IActionResult> OnGetPdfAsync(long id, CancellationToken ct) => FileAsync(id, ComplaintListFormat.Pdf, ct);

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        // Reading is open to every signed-in officer; changing needs a role that may change (Auditors only read).
        if (!User.CanChange())
        {
            return Forbid();
        }

        var entries = new List<OutcomeEntry>();
        foreach (var key in Request.Form.Keys.Where(k => k.StartsWith("outcome-", StringComparison.Ordinal)))
        {
            var value = Request.Form[key].ToString();
            if (value.Length > 0 && HearingOutcomes.FromCode(value) is { } outcome)
            {
                entries.Add(new OutcomeEntry(key["outcome-".Length..], outcome));
            }
        }

        Outcome<IReadOnlyList<OutcomeResult>> result;
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            result = await RecordHearingOutcomes.HandleAsync(connection, tx, User.CouncilId(), id, entries, User.OfficerUsername(), clock.GetCurrentInstant(), ct);
            if (result is Outcome<IReadOnlyList<OutcomeResult>>.Done)
            {
                await tx.CommitAsync(ct);
            }
        }

        switch (result)
        {
            case Outcome<IReadOnlyList<OutcomeResult>>.Done { Value: var recorded }:
                Recorded = recorded;
                break;
            case Outcome<IReadOnlyList<OutcomeResult>>.Invalid invalid:
                ModelState.AddModelError("outcomes", invalid.Message);
                break;
            case Outcome<IReadOnlyList<OutcomeResult>>.NotFound:
                return NotFound();
            default:
                ModelState.AddModelError("outcomes", "The outcomes could not be recorded");
                break;
        }

        return await LoadAsync(id, ct) is null ? NotFound() : Page();
    }

    private async Task<IActionResult> FileAsync(long id, ComplaintListFormat format, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } list)
        {
            return NotFound();
        }

        var file = ProduceComplaintList.File(list, format);
        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<ComplaintList?> LoadAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await ProduceComplaintList.HandleAsync(connection, User.CouncilId(), id);
        (Session, Lines) = (list?.Session, list?.Lines ?? []);
        return list;
    }
}
