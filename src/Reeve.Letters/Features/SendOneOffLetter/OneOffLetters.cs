using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Letters;

/// <summary>A letter as an officer would see it before sending: what it is built from, and the rendering.</summary>
public sealed record LetterPreview(LetterFields Fields, LocalDate IssuedOn, string BuiltFrom, ComposedLetter Composed, RenderedLetter Letter);

/// <summary>
/// One account's letter of any type, outside a run: the newest queued request of that type for the account,
/// or a sample request made today from the account's balance. An officer previews it, then sends it, which
/// queues it (keyed by the form's own token, so a double click sends once), stores the notice and answers the
/// request in one transaction; it then goes out with the next print of that type and date.
/// </summary>
public static class OneOffLetters
{
    public static async Task<Outcome<LetterPreview>> PreviewAsync(
        DbConnection connection, CouncilId council, long accountId, LetterType type, LocalDate today, PrintSize size = PrintSize.Standard, int? yearStarting = null)
    {
        var queued = type == LetterType.DemandNotice ? null : await LetterRequests.NewestAsync(connection, council, accountId, type);
        LetterFields fields;
        LocalDate issuedOn;
        string from;
        if (queued is not null)
        {
            (fields, issuedOn, from) = (queued.Fields, queued.On, $"request {queued.RequestId} ({queued.SourceKey})");
        }
        else
        {
            var balance = await ReadBalance.BalanceAsync(connection, council, accountId);
            fields = LetterModelBuilder.Sample(type, balance, today, WorkingDays.EnglandAndWales);
            if (fields is DemandNoticeFields && yearStarting is { } y)
            {
                fields = new DemandNoticeFields(y);
            }

            (issuedOn, from) = (today, type == LetterType.DemandNotice ? "the bill" : "a sample request made today from the balance (none is queued)");
        }

        return await ComposeLetter.ComposeAsync(connection, council, accountId, fields, issuedOn) switch
        {
            Outcome<ComposedLetter>.Done composed => new LetterPreview(fields, issuedOn, from, composed.Value,
                (await CouncilTemplates.RendererAsync(connection, council)).Render(type, Channel.Letter, composed.Value.Model, size)),
            Outcome<ComposedLetter>.Invalid i => new Outcome<LetterPreview>.Invalid(i.Field, i.Message),
            Outcome<ComposedLetter>.NotFound n => new Outcome<LetterPreview>.NotFound(n.What),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    /// <summary>
    /// Letters about something that happened (a Direct Debit returned, cancelled or presented again, its advance notice,
    /// a refund, an agreed arrangement) carry that event's details: sent by hand they can only repeat one written
    /// before, since a sample would carry made-up mandate, refund or schedule details.
    /// </summary>
    public static bool RepeatsAnEvent(LetterType type) => type is LetterType.DirectDebitAdvanceNotice or LetterType.DirectDebitCancelled
        or LetterType.DirectDebitUnpaid or LetterType.DirectDebitRePresentation or LetterType.RefundLetter or LetterType.ArrangementLetter;

    /// <summary>Sends (stores for print) a one-off letter as at today; the same <paramref name="formKey"/> sends once.</summary>
    public static async Task<Outcome<StoredNotice>> SendAsync(
        DbConnection connection, CouncilId council, long accountId, LetterType type, LocalDate today, string formKey, string officer, Instant now)
    {
        if (RepeatsAnEvent(type) && await LetterRequests.NewestAsync(connection, council, accountId, type) is null)
        {
            return new Outcome<StoredNotice>.Invalid("type",
                $"A {NoticeStore.Describe(type).ToLowerInvariant()} is written when what it tells the payer happens, with its details; none has been written for this account, so there is none to send again");
        }

        var preview = await PreviewAsync(connection, council, accountId, type, today);
        if (preview is not Outcome<LetterPreview>.Done done)
        {
            return preview switch
            {
                Outcome<LetterPreview>.Invalid i => new Outcome<StoredNotice>.Invalid(i.Field, i.Message),
                Outcome<LetterPreview>.NotFound n => new Outcome<StoredNotice>.NotFound(n.What),
                _ => throw new InvalidOperationException($"Unexpected outcome {preview}"),
            };
        }

        if (done.Value.Composed.GoneAway is { } mark)
        {
            return new Outcome<StoredNotice>.Conflict($"Post to this address came back gone-away on {mark.ReturnedOn}: trace the person before writing again");
        }

        await using var tx = await connection.BeginTransactionAsync();

        // A one-off letter goes out today, whatever date the request it repeats carried, so a Breathing Space in
        // force today refuses a payment demand here (SI 2020/1311 reg 11(1)); the queue checks the letter's own date.
        if (LetterRequests.DemandsPayment(type) && await Moratoriums.InForceAsync(connection, tx, council, accountId, today) is { } hold)
        {
            var refused = $"one-off {type.Code()} letter sent by {officer}";
            await Moratoriums.RecordRefusalAsync(connection, tx, council, hold, today, refused, officer, now);
            await tx.CommitAsync();
            return new Outcome<StoredNotice>.Conflict(Moratoriums.RefusalMessage(hold, refused));
        }

        var queued = await LetterRequests.RequestAsync(connection, tx, new LetterRequest(council, accountId, done.Value.IssuedOn, $"one-off/{formKey}", done.Value.Fields), now);
        switch (queued)
        {
            case Outcome<QueuedLetter>.Done { Value.NoticeId: { } already }:
                return (await NoticeStore.GetAsync(connection, council, already))!;
            case Outcome<QueuedLetter>.Done q:
                var notice = await NoticeStore.RecordAsync(connection, tx, council, accountId, done.Value.Letter, done.Value.IssuedOn, null, officer, now);
                await LetterRequests.AnswerAsync(connection, tx, council, q.Value.RequestId, notice.NoticeId);
                await tx.CommitAsync();
                return notice;
            case Outcome<QueuedLetter>.Invalid i:
                return new Outcome<StoredNotice>.Invalid(i.Field, i.Message);
            case Outcome<QueuedLetter>.Conflict c:
                // Nothing was queued; a refusal in a Breathing Space was logged on the account, and that log is kept.
                await tx.CommitAsync();
                return new Outcome<StoredNotice>.Conflict(c.Message);
            case Outcome<QueuedLetter>.NotFound n:
                return new Outcome<StoredNotice>.NotFound(n.What);
            default:
                throw new InvalidOperationException($"Unexpected outcome {queued}");
        }
    }
}
