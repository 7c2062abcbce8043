using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>A found address recorded, and the notice queued again to it (or why none was).</summary>
public sealed record TracedAddressResult(TraceFound Found, QueuedLetter? Reissued, string? NotReissued);

/// <summary>
/// The letters side of a successful trace, in the caller's transaction: the person's gone-away marks are cleared (their
/// post goes to the new address now) and the last notice that was held, or that came back, is queued again to the new
/// address. A notice sent to an address the person had left was never served on them, so they get it afresh with the
/// same periods to pay counted from the new day of issue. The request's source key names the task and the request it
/// repeats, so recording the same trace twice queues the notice once.
/// </summary>
public static class TracedAddressLetters
{
    public const string ReissuedEventKind = "trace-reissue";

    public static string SourceKey(long taskId, long requestId) => $"trace-{taskId}/reissue-{requestId}";

    public static async Task<Outcome<TracedAddressResult>> RecordFoundAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long taskId, FoundAddress address, string? note, LocalDate today, string officer, Instant now)
    {
        var returnedOn = await TraceTasks.GetAsync(connection, council, taskId, tx) is { } task
            ? await connection.ExecuteScalarAsync<LocalDate?>(
                "select min(returned_on) from returned_mail where council_id = @council and party_id = @partyId and cleared_on is null",
                new { council = council.Value, partyId = task.PartyId }, tx)
            : null;
        TraceFound found;
        switch (await TraceTasks.RecordFoundAsync(connection, tx, council, taskId, address, note, today, officer, now))
        {
            case Outcome<TraceFound>.Done done:
                found = done.Value;
                break;
            case Outcome<TraceFound>.Invalid invalid:
                return new Outcome<TracedAddressResult>.Invalid(invalid.Field, invalid.Message);
            case Outcome<TraceFound>.NotFound notFound:
                return new Outcome<TracedAddressResult>.NotFound(notFound.What);
            case Outcome<TraceFound>.Conflict conflict:
                return new Outcome<TracedAddressResult>.Conflict(conflict.Message);
            default:
                throw new InvalidOperationException("An outcome this code does not know");
        }

        var partyId = found.Task.PartyId;
        await connection.ExecuteAsync(
            "update returned_mail set cleared_on = @today where council_id = @council and party_id = @partyId and cleared_on is null",
            new { council = council.Value, partyId, today }, tx);
        if (returnedOn is null)
        {
            return new TracedAddressResult(found, null, "No post had come back from the old address, so no notice was held or returned");
        }

        var last = await LastHeldOrReturnedAsync(connection, tx, council, partyId, today);
        if (last is null)
        {
            return new TracedAddressResult(found, null, "There was no held or returned notice to send again");
        }

        var request = new LetterRequest(council, last.AccountId, today, SourceKey(taskId, last.RequestId), Redate(last.Fields, last.On, today));
        switch (await LetterRequests.RequestAsync(connection, tx, request, now))
        {
            case Outcome<QueuedLetter>.Done queued:
                await AccountEvents.RecordAsync(connection, tx, council, last.AccountId, now, today, ReissuedEventKind,
                    $"{NoticeStore.Describe(last.Type)} of {DateText.FormatLong(last.On)} queued again to the traced address", officer, null);
                return new TracedAddressResult(found, queued.Value, null);
            case Outcome<QueuedLetter>.Invalid invalid:
                // A summons keeps its hearing date: if the hearing is now too close, the officer must ask for a new one.
                return new TracedAddressResult(found, null, $"The {NoticeStore.Describe(last.Type).ToLowerInvariant()} could not be sent again: {invalid.Message}");
            case var other:
                return new TracedAddressResult(found, null, $"The {NoticeStore.Describe(last.Type).ToLowerInvariant()} could not be sent again: {other}");
        }
    }

    /// <summary>
    /// The requests a trace has sent again to a new address. A print run leaves them out: the notice held at the old
    /// address went out afresh, and printing the held one too (now that its address is no longer marked) would send
    /// the person two copies with different dates to pay by. Trace re-issues are few, so their keys are read whole.
    /// </summary>
    public static async Task<IReadOnlySet<long>> SupersededAsync(DbConnection connection, CouncilId council)
    {
        var keys = await connection.QueryAsync<string>(
            "select source_key from letter_request where council_id = @council and source_key like 'trace-%'", new { council = council.Value });
        var ids = new HashSet<long>();
        foreach (var key in keys)
        {
            var at = key.LastIndexOf("/reissue-", StringComparison.Ordinal);
            if (at > 0 && long.TryParse(key.AsSpan(at + "/reissue-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>
    /// The fields of a notice issued again on <paramref name="to"/>: a reminder's and a final notice's dates move on by
    /// the days between the two issues, so the person has the same 7 days beginning with the day of issue (CTAE Regs
    /// 1992 regs 23(3) and 34(1)). Fixed dates stay: a summons's hearing, Direct Debit collections, arrangement payments.
    /// </summary>
    public static LetterFields Redate(LetterFields fields, LocalDate from, LocalDate to)
    {
        var shift = Period.DaysBetween(from, to);
        return fields switch
        {
            ReminderFields r => r with { PayBy = r.PayBy.PlusDays(shift), BalanceDueIfNotPaid = r.BalanceDueIfNotPaid.PlusDays(shift) },
            FinalNoticeFields f => f with { PayBy = f.PayBy.PlusDays(shift) },
            _ => fields,
        };
    }

    /// <summary>
    /// The newest request on the person's accounts that is still unanswered (held at its print run) or was answered on
    /// paper (the one that came back); notices sent by email or text message reached the person and are not repeated.
    /// </summary>
    private static async Task<QueuedLetter?> LastHeldOrReturnedAsync(DbConnection connection, DbTransaction tx, CouncilId council, long partyId, LocalDate today)
    {
        var accounts = (await AccountStore.OfPartiesAsync(connection, council, [partyId], tx)).Select(l => l.AccountId).Distinct().ToArray();
        if (accounts.Length == 0)
        {
            return null;
        }

        var id = await connection.ExecuteScalarAsync<long?>(
            "select r.request_id from letter_request r " +
            "left join letter_request_notice rn on rn.council_id = r.council_id and rn.request_id = r.request_id " +
            "left join letter_notice n on n.council_id = rn.council_id and n.notice_id = rn.notice_id " +
            "where r.council_id = @council and r.request_date <= @today and (n.notice_id is null or n.channel = 'letter') " +
            "and r.account_id " + SqlLists.AnyOf(connection, "accounts") + " order by r.request_date desc, r.request_id desc limit 1",
            new { council = council.Value, accounts, today }, tx);
        return id is { } requestId ? await LetterRequests.GetAsync(connection, tx, council, requestId) : null;
    }
}
