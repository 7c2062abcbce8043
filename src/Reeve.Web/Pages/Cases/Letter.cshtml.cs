using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Cases.Features.AnswerCase;
using Reeve.Letters;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Cases;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Cases;

/// <summary>A case's response letter as the PDF sent, checked against its hash on the way out.</summary>
[AuditSubject(CaseCommand.Subject, "id")]
public sealed class LetterModel(ReeveDatabase db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, long letterId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var council = User.CouncilId();
        var letter = await CaseLetters.GetAsync(connection, council, letterId);
        if (letter is null || letter.CaseId != id || await NoticeStore.ContentAsync(connection, council, letter.ContentHash) is not { } pdf)
        {
            return NotFound();
        }

        return File(pdf, "application/pdf", $"case-{id}-response-{letterId}.pdf");
    }
}
