using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Letters;

/// <summary>A letter as an officer would see it before sending: what it is built from, and the rendering.</summary>
public sealed record LetterPreview(LetterFields Fields, LocalDate IssuedOn, string BuiltFrom, ComposedLetter Composed, RenderedLetter Letter);

/// <summary>
/// One account's letter outside a run: a demand notice from the account's bill, or any other type repeating the
/// newest request of that type written for the account when its event happened (a recovery run's reminder, final
/// notice or summons; a Direct Debit, refund or arrangement letter). Nothing is made up: a letter that asks for money
/// or names a court carries only sums, costs, dates and a court that Reeve decided, so there are no sample fields
/// (template previews use the fictional <see cref="DemoLetters"/>, never an account). An officer previews it, then
/// sends it, which queues it (keyed by the form's own token, so a double click sends once), stores the notice and
/// answers the request in one transaction; it then goes out with the next print of that type and date.
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
        else if (type == LetterType.DemandNotice)
        {
            (fields, issuedOn, from) = (new DemandNoticeFields(yearStarting ?? FinancialYear.Containing(today).StartYear), today, "the bill");
        }
        else
        {
            return new Outcome<LetterPreview>.Invalid("type", NoneWritten(type));
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
    /// Every letter but the demand notice (which is the bill) carries what happened on the account: the sums and dates
    /// of a recovery notice, a summons's costs and court, a Direct Debit's mandate, a refund, an arrangement's schedule.
    /// Sent by hand it can only repeat one written when that happened; none is ever made from sample fields.
    /// </summary>
    public static bool RepeatsAnEvent(LetterType type) => type != LetterType.DemandNotice;

    /// <summary>Why a letter of <paramref name="type"/> cannot be made for an account that has none written, and what to do instead.</summary>
    public static string NoneWritten(LetterType type)
    {
        var what = NoticeStore.Describe(type);
        return type switch
        {
            LetterType.Summons =>
                $"{what}: none has been issued on this account. A summons comes only from a recovery notice: a recovery run lists the account for summons once the final notice or reminder has gone unpaid, with the council's costs and a court session's court and hearing (Recovery, or `reeve recovery run`). It is never made from sample figures",
            LetterType.Reminder or LetterType.FinalNotice =>
                $"{what}: none has been written for this account. It comes from a recovery run, with the sums and dates the law sets for this account (Recovery, or `reeve recovery run`). It is never made from sample figures",
            _ =>
                $"{what}: none has been written for this account, so there is none to send again. It is written when what it tells the payer happens, with its details, and is never made from sample figures",
        };
    }

    /// <summary>Sends (stores for print) a one-off letter as at today; the same <paramref name="formKey"/> sends once.</summary>
    public static async Task<Outcome<StoredNotice>> SendAsync(
        DbConnection connection, CouncilId council, long accountId, LetterType type, LocalDate today, string formKey, string officer, Instant now,
        Func<DbConnection, DbTransaction, StoredNotice, Task>? audit = null)
    {
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
            return new Outcome<StoredNotice>.Conflict($"Post to this address came back gone-away on {DateText.FormatLong(mark.ReturnedOn)}: trace the person before writing again");
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
                if (audit is not null)
                {
                    // The officer's audit line is part of the sending, in its transaction.
                    await audit(connection, tx, notice);
                }

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
