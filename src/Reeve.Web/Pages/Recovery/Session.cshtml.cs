using System.Text;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Recovery;

/// <summary>
/// A court session's complaint list (on screen, as CSV and as a printable page) and the hearing's outcomes,
/// entered for the whole list at once and recorded all or nothing.
/// </summary>
public sealed class SessionModel(ReeveDatabase db, IClock clock) : PageModel
{
    public CourtSession? Session { get; private set; }

    public IReadOnlyList<ComplaintLine> Lines { get; private set; } = [];

    public IReadOnlyList<OutcomeResult> Recorded { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return File(Encoding.UTF8.GetBytes(CourtSessions.ComplaintListCsv(Session!, Lines)), "text/csv", $"complaints-{DateText.Iso.Format(Session!.Date)}-{id}.csv");
    }

    public async Task<IActionResult> OnGetPrintAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        var name = await CouncilStore.NameAsync(connection, User.CouncilId()) ?? "";
        return Content(CourtSessions.ComplaintListHtml(name, Session!, Lines), "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnGetPdfAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        var name = await CouncilStore.NameAsync(connection, User.CouncilId()) ?? "";
        return File(CourtSessions.ComplaintListPdf(name, Session!, Lines), "application/pdf", $"complaints-{DateText.Iso.Format(Session!.Date)}-{id}.pdf");
    }

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
            if (value.Length > 0 && CourtSessions.OutcomeFromCode(value) is { } outcome)
            {
                entries.Add(new OutcomeEntry(key["outcome-".Length..], outcome));
            }
        }

        var result = await CourtSessions.RecordOutcomesAsync(db, User.CouncilId(), id, entries, User.OfficerUsername(), clock.GetCurrentInstant(), ct);
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

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Session = await CourtSessions.GetAsync(connection, User.CouncilId(), id);
        if (Session is null)
        {
            return false;
        }

        Lines = await CourtSessions.ComplaintListAsync(connection, User.CouncilId(), id);
        return true;
    }
}
