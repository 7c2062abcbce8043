using Microsoft.AspNetCore.Mvc;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Persistence;

namespace Reeve.Web.Features.Letters;

/// <summary>One notice on the account's letter history, with its Notify delivery status when it went by email or text.</summary>
public sealed record LetterHistoryRow(StoredNotice Notice, NotifyMessage? Message);

public sealed record LetterHistory(string AccountReference, IReadOnlyList<LetterHistoryRow> Rows, bool CanSend);

/// <summary>The account page's letter history: every stored notice, newest first, each paper one downloadable as a COPY.</summary>
public sealed class LetterHistoryViewComponent(ReeveDatabase db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(CouncilId council, long accountId, string reference, bool canSend)
    {
        await using var connection = await db.OpenAsync();
        var notices = await NoticeStore.ForAccountAsync(connection, council, accountId);
        var messages = (await NotifyDispatch.ForAccountAsync(connection, council, accountId)).ToDictionary(m => m.NoticeId);
        return View(new LetterHistory(reference,
            notices.OrderByDescending(n => n.NoticeId).Select(n => new LetterHistoryRow(n, messages.GetValueOrDefault(n.NoticeId))).ToList(), canSend));
    }
}
