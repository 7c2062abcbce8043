using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Portal.Pages.Accounts;

/// <summary>A letter the council sent on paper, as a copy of the stored PDF (marked COPY by Letters).</summary>
public sealed class LetterPdfModel(ReeveDatabase db, IClock clock) : ResidentAccountPage(db, clock)
{
    public async Task<IActionResult> OnGetAsync(string reference, long noticeId, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (await FindAsync(connection, reference) is not { } account
            || await NoticeStore.GetAsync(connection, account.Council, noticeId) is not { Channel: Channel.Letter } notice
            || notice.AccountId != account.AccountId
            || await Reprints.ReprintAsync(connection, account.Council, noticeId) is not { } copy)
        {
            return NotFoundPage();
        }

        await AuditAsync(connection, null, AuditTrail.Actions.View, account, $"copy of letter {noticeId}");
        return File(copy, "application/pdf", $"{account.Reference.Value}-letter-{noticeId}.pdf");
    }
}
