#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Text.Json;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>A notice sent (or being sent) through Notify, as Reeve records it.</summary>
public sealed record NotifyMessage(
    long NoticeId, Channel Channel, string Recipient, string Reference, string? NotifyId, string Status, int Attempts, string? LastError, Instant UpdatedAt);

/// <summary>
/// Sends a queued letter request by email or text message through GOV.UK Notify, for a real account:
/// only with the liable person's consent for the channel; the notice is stored and the message recorded before
/// anything is sent; the reference Notify keeps is Reeve's (council and notice id), so a retry first asks
/// Notify whether it already has that reference and never sends the same notice twice. Failures Notify calls
/// temporary (429, 5xx, no answer) are retried with doubling back-off; a refusal (400, 403) is recorded and
/// not retried.
/// </summary>
public sealed class NotifyDispatch(NotifyClient client, NotifyTemplates templates, IClock clock, NotifyDispatch.RetryPolicy retry)
{
    public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstBackOff, Func<TimeSpan, CancellationToken, Task> Delay)
    {
        public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(2), Task.Delay);
    }

    public const string Officer = "notify";

    /// <summary>Sends the request's notice by the channel, or resumes sending it if a notice already answered it.</summary>
    public async Task<Outcome<NotifyMessage>> SendAsync(DbConnection connection, CouncilId council, long requestId, Channel channel, string officer, CancellationToken ct = default)
    {
        if (channel == Channel.Letter)
        {
            return new Outcome<NotifyMessage>.Invalid("channel", "paper notices are printed, not sent through Notify");
        }

        var request = await LetterRequests.GetAsync(connection, null, council, requestId);
        if (request is null)
        {
            return new Outcome<NotifyMessage>.NotFound($"letter request {requestId}");
        }

        if (request.NoticeId is { } answered)
        {
            return await GetAsync(connection, council, answered) is { } existing
                ? await DeliverAsync(connection, council, existing.NoticeId, ct)
                : new Outcome<NotifyMessage>.Conflict($"request {requestId} was answered by notice {answered}, which was not sent through Notify");
        }

        var consents = await ContactConsents.ForAccountAsync(connection, council, request.AccountId);
        if (ChannelConsent.Decide(channel, consents, request.On) is ConsentDecision.NoConsent no)
        {
            return new Outcome<NotifyMessage>.Invalid("consent", no.Reason);
        }

        var address = ((ConsentDecision.Send)ChannelConsent.Decide(channel, consents, request.On)).Address;
        var composed = await ComposeLetter.ComposeAsync(connection, council, request.AccountId, request.Fields, request.On);
        if (composed is not Outcome<ComposedLetter>.Done done)
        {
            return composed switch
            {
                Outcome<ComposedLetter>.Invalid i => new Outcome<NotifyMessage>.Invalid(i.Field, i.Message),
                Outcome<ComposedLetter>.NotFound n => new Outcome<NotifyMessage>.NotFound(n.What),
                _ => throw new InvalidOperationException($"Unexpected outcome {composed}"),
            };
        }

        var letter = (await CouncilTemplates.RendererAsync(connection, council)).Render(request.Type, channel, done.Value.Model);
        var templateId = templates.IdFor(request.Type, channel);
        var now = clock.GetCurrentInstant();
        long noticeId;
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            var notice = await NoticeStore.RecordAsync(connection, tx, council, request.AccountId, letter, request.On, null, officer, now);
            await LetterRequests.AnswerAsync(connection, tx, council, requestId, notice.NoticeId);
            await connection.ExecuteAsync(
                "insert into notify_message (council_id, notice_id, channel, recipient, template_id, personalisation, reference, notify_id, status, attempts, last_error, updated_at) " +
                "values (@council, @noticeId, @channel, @address, @templateId, @personalisation, @reference, null, 'pending', 0, null, @now)",
                new
                {
                    council = council.Value, noticeId = notice.NoticeId, channel = channel.Code(), address, templateId,
                    personalisation = JsonSerializer.Serialize(NotifyClient.Personalisation(letter)), reference = Reference(council, notice.NoticeId),
                    now,
                },
                tx);
            await tx.CommitAsync(ct);
            noticeId = notice.NoticeId;
        }

        return await DeliverAsync(connection, council, noticeId, ct);
    }

    /// <summary>
    /// Gets a recorded message to Notify: does nothing if Notify already gave it an id; after an attempt whose
    /// outcome is unknown, asks Notify for the reference before posting again. Each attempt is counted in the
    /// database before it is made, so a crash mid-send is known to need that check.
    /// </summary>
    public async Task<Outcome<NotifyMessage>> DeliverAsync(DbConnection connection, CouncilId council, long noticeId, CancellationToken ct = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and notice_id = @noticeId",
            new { council = council.Value, noticeId });
        if (row is null)
        {
            return new Outcome<NotifyMessage>.NotFound($"Notify message for notice {noticeId}");
        }

        if (row.notify_id is not null || row.status == "refused")
        {
            return row.ToMessage();
        }

        var backOff = retry.FirstBackOff;
        for (var attempt = 1; attempt <= retry.MaxAttempts; attempt++)
        {
            try
            {
                if (row.attempts > 0 && await client.FindByReferenceAsync(row.reference, ct) is { } already)
                {
                    return await RecordAsync(connection, council, noticeId, already.Id, "created", null, 0);
                }

                await RecordAsync(connection, council, noticeId, null, "sending", null, 1);
                row.attempts++;
                var personalisation = JsonSerializer.Deserialize<Dictionary<string, string>>(row.personalisation)!;
                var sent = LetterTypes.ChannelFromCode(row.channel) == Channel.Email
                    ? await client.SendEmailAsync(row.recipient, row.template_id, personalisation, row.reference, ct)
                    : await client.SendSmsAsync(row.recipient, row.template_id, personalisation, row.reference, ct);
                return await RecordAsync(connection, council, noticeId, sent.Id, "created", null, 0);
            }
            catch (NotifyException e) when (!e.MayRetry)
            {
                return await RecordAsync(connection, council, noticeId, null, "refused", e.Message, 0);
            }
            catch (Exception e) when (e is NotifyException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                await RecordAsync(connection, council, noticeId, null, "retrying", e.Message, 0);
                if (attempt < retry.MaxAttempts)
                {
                    await retry.Delay(backOff, ct);
                    backOff *= 2;
                }
            }
        }

        return (await GetAsync(connection, council, noticeId))!;
    }

    public static string Reference(CouncilId council, long noticeId) => $"reeve-{council.Value}-notice-{noticeId}";

    public static async Task<NotifyMessage?> GetAsync(DbConnection connection, CouncilId council, long noticeId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and notice_id = @noticeId",
            new { council = council.Value, noticeId }))?.ToMessage();

    public static async Task<IReadOnlyList<NotifyMessage>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and notice_id in (select notice_id from letter_notice where council_id = @council and account_id = @accountId)",
            new { council = council.Value, accountId })).Select(r => r.ToMessage()).ToList();

    /// <summary>
    /// A delivery receipt from Notify's callback: the status is stored on the message and, once final, on the
    /// account's timeline. Returns false when no message has that Notify id.
    /// </summary>
    public static async Task<bool> RecordStatusAsync(DbConnection connection, string notifyId, string status, Instant now)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var found = (await connection.QueryAsync<(long Council, long Notice, long Account, string Channel)>(
            "select m.council_id, m.notice_id, n.account_id, m.channel from notify_message m join letter_notice n on n.council_id = m.council_id and n.notice_id = m.notice_id " +
            "where m.notify_id = @notifyId", new { notifyId }, tx)).ToList();
        if (found is not [var f])
        {
            return false;
        }

        var changed = await connection.ExecuteAsync(
            "update notify_message set status = @status, updated_at = @now where council_id = @council and notice_id = @notice and status <> @status",
            new { status, now, council = f.Council, notice = f.Notice }, tx);
        if (changed > 0 && status is "delivered" or "permanent-failure" or "temporary-failure" or "technical-failure")
        {
            await AccountEvents.RecordAsync(connection, tx, new CouncilId((int)f.Council), f.Account, now, now.InZone(UkTime.Zone).Date, "notice-delivery",
                $"Notice {f.Notice} by {f.Channel}: {status.Replace('-', ' ')} (GOV.UK Notify)", Officer, null);
        }

        await tx.CommitAsync();
        return true;
    }

    private async Task<Outcome<NotifyMessage>> RecordAsync(DbConnection connection, CouncilId council, long noticeId, string? notifyId, string status, string? error, int attempt)
    {
        await connection.ExecuteAsync(
            "update notify_message set notify_id = coalesce(@notifyId, notify_id), status = @status, last_error = coalesce(@error, last_error), attempts = attempts + @attempt, updated_at = @now " +
            "where council_id = @council and notice_id = @noticeId",
            new { notifyId, status, error, attempt, now = clock.GetCurrentInstant(), council = council.Value, noticeId });
        return (await GetAsync(connection, council, noticeId))!;
    }

    private sealed class Row
    {
        public const string Select =
            "select notice_id, channel, recipient, template_id, personalisation, reference, notify_id, status, attempts, last_error, updated_at from notify_message";

        public long notice_id { get; set; }
        public string channel { get; set; } = "";
        public string recipient { get; set; } = "";
        public string template_id { get; set; } = "";
        public string personalisation { get; set; } = "";
        public string reference { get; set; } = "";
        public string? notify_id { get; set; }
        public string status { get; set; } = "";
        public int attempts { get; set; }
        public string? last_error { get; set; }
        public Instant updated_at { get; set; }

        public NotifyMessage ToMessage() => new(notice_id, LetterTypes.ChannelFromCode(channel), recipient, reference, notify_id, status, attempts, last_error,
            updated_at);
    }
}
