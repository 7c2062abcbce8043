using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Work;

namespace Reeve.Enforcement;

/// <summary>
/// Flags every request still awaiting a reply once its 14 days have passed (reg 36(1)): status no-reply, the day flagged, and
/// an event on the account's timeline so the officer sees it and can decide on the next step or a penalty (LGFA 1992 Sch 3).
/// Run on any day; a request already flagged is left alone, so re-running flags nothing twice.
/// </summary>
public static class FlagUnansweredRequests
{
    public static async Task<IReadOnlyList<InformationRequest>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, LocalDate asAt, string officer, Instant now)
    {
        var awaiting = await InformationRequests.AwaitingAsync(connection, tx, council);
        var late = awaiting.Where(r => EnforcementLaw.Unanswered(r.ReplyDue, asAt)).ToList();
        if (late.Count == 0)
        {
            return [];
        }

        await connection.ExecuteAsync(
            "update information_request set status = 'no-reply', flagged_on = @asAt where council_id = @council and request_id = @id and status = 'awaiting-reply'",
            late.Select(r => new { council = council.Value, id = r.RequestId, asAt }), tx);
        await AccountEventBatch.WriteAsync(connection, tx, council, [.. late.Select(r => new NewAccountEvent(r.AccountId, now, asAt, "information-no-reply",
            $"No reply to the request for employment and income details issued on {DateText.FormatIso(r.IssuedOn)} (due by {DateText.FormatIso(r.ReplyDue)}), person {r.PartyId}",
            officer, EnforcementLaw.InformationSource))]);
        await WorkQueue.RaiseManyAsync(connection, tx, council, late.Select(r => UnansweredRequestWork.For(r, asAt)).ToList(), now);
        return [.. late.Select(r => r with { Status = InformationRequests.NoReply, FlaggedOn = asAt })];
    }
}
