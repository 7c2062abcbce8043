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
public sealed class FileModel(ReeveDatabase db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string kind, long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (kind is not ("runs" or "lodgements") || await BacsFiles.ContentAsync(connection, User.CouncilId(), kind == "runs" ? BacsFileKind.Run : BacsFileKind.Lodgement, id) is not { } file)
        {
            return NotFound();
        }

        return File(Encoding.ASCII.GetBytes(file.Content), "text/plain", $"{file.Serial}.txt");
    }
}
