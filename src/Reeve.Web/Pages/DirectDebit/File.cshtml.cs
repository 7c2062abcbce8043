using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Persistence;
using Reeve.Payments;
using Reeve.Web.Security;
using Reeve.Web.Features.Auditing;

namespace Reeve.Web.Pages.DirectDebit;

/// <summary>A Bacs file exactly as it was written and recorded, as plain text.</summary>
[AuditSubject("bacs-file", "id")]
public sealed class FileModel(ReeveDatabase db, OfficerAudit audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string kind, long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (kind is not ("runs" or "lodgements") || await BacsFiles.ContentAsync(connection, User.CouncilId(), kind == "runs" ? BacsFileKind.Run : BacsFileKind.Lodgement, id) is not { } file)
        {
            return NotFound();
        }

        // Every download is a row of its own in the audit trail, written before the file is sent.
        await audit.RecordAsync(HttpContext, connection, null, Reeve.Officers.AuditTrail.Actions.Download, "bacs-file", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Downloaded {(kind == "runs" ? "collection" : "AUDDIS")} file {file.Serial}");
        return File(Encoding.ASCII.GetBytes(file.Content), "text/plain", $"{file.Serial}.txt");
    }
}
