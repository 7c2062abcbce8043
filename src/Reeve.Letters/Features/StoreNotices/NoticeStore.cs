#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>A notice as sent: which account, what letter, which template version, its content hash and what caused it.</summary>
public sealed record StoredNotice(
    long NoticeId,
    long AccountId,
    LetterType Type,
    Channel Channel,
    int TemplateVersion,
    string ContentHash,
    long? CausedByEventId,
    LocalDate IssuedOn,
    Instant RecordedAt);

/// <summary>
/// Keeps every notice sent: its bytes once per council by SHA-256 (sending the same bytes twice stores them
/// once), and a row per sending linked to the account and the event that caused it, shown on the account's
/// timeline. Nothing here updates or deletes: a notice that has gone out is history.
/// </summary>
public static class NoticeStore
{
    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task<StoredNotice> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long accountId, RenderedLetter letter, LocalDate issuedOn,
        long? causedByEventId, string officer, Instant now)
    {
        var (content, mediaType) = letter.Pdf is { } pdf
            ? (pdf, "application/pdf")
            : (System.Text.Encoding.UTF8.GetBytes(letter.Document.ToNotifyMarkdown()), "text/markdown; charset=utf-8");
        var hash = await StoreContentAsync(connection, tx, council, content, mediaType, now);

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "letter_notice", 1);
        await connection.ExecuteAsync(
            "insert into letter_notice (council_id, notice_id, account_id, letter_type, channel, template_version, content_hash, caused_by_event_id, issued_on, recorded_at) " +
            "values (@council, @id, @accountId, @type, @channel, @version, @hash, @causedBy, @issuedOn, @now)",
            new
            {
                council = council.Value, id, accountId, type = letter.Type.Code(), channel = letter.Channel.Code(),
                version = letter.TemplateVersion, hash, causedBy = causedByEventId,
                issuedOn, now,
            },
            tx);
        await AccountEvents.RecordAsync(
            connection, tx, council, accountId, now, issuedOn, "notice-sent",
            $"{Describe(letter.Type)} sent by {letter.Channel.Code()} (notice {id})", officer, null);
        return new StoredNotice(id, accountId, letter.Type, letter.Channel, letter.TemplateVersion, hash, causedByEventId, issuedOn, now);
    }

    /// <summary>Keeps bytes once per council by their SHA-256 and returns the hash; storing the same bytes again does nothing.</summary>
    public static async Task<string> StoreContentAsync(DbConnection connection, DbTransaction tx, CouncilId council, byte[] content, string mediaType, Instant now)
    {
        var hash = Hash(content);
        await connection.ExecuteAsync(
            "insert into letter_document (council_id, content_hash, media_type, byte_count, content, stored_at) " +
            "values (@council, @hash, @mediaType, @count, @content, @now) on conflict (council_id, content_hash) do nothing",
            new { council = council.Value, hash, mediaType, count = content.Length, content, now },
            tx);
        return hash;
    }

    public static async Task<IReadOnlyList<StoredNotice>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and account_id = @accountId order by notice_id",
            new { council = council.Value, accountId })).Select(r => r.ToNotice()).ToList();

    public static async Task<StoredNotice?> GetAsync(DbConnection connection, CouncilId council, long noticeId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and notice_id = @noticeId",
            new { council = council.Value, noticeId }))?.ToNotice();

    /// <summary>The stored bytes, checked against their hash on the way out.</summary>
    public static async Task<byte[]?> ContentAsync(DbConnection connection, CouncilId council, string contentHash)
    {
        var content = await connection.QuerySingleOrDefaultAsync<byte[]>(
            "select content from letter_document where council_id = @council and content_hash = @contentHash",
            new { council = council.Value, contentHash });
        if (content is not null && Hash(content) != contentHash)
        {
            throw new InvalidOperationException($"Stored notice content {contentHash} no longer matches its hash");
        }

        return content;
    }

    public static string Describe(LetterType type) => type switch
    {
        LetterType.DemandNotice => "Council tax demand notice",
        LetterType.Reminder => "Reminder notice",
        LetterType.FinalNotice => "Final notice",
        LetterType.Summons => "Summons",
        LetterType.DirectDebitAdvanceNotice => "Direct Debit advance notice",
        LetterType.RefundLetter => "Refund letter",
        LetterType.ArrangementLetter => "Arrangement letter",
        LetterType.DirectDebitCancelled => "Direct Debit cancelled",
        LetterType.DirectDebitUnpaid => "Direct Debit unpaid",
        LetterType.DirectDebitRePresentation => "Direct Debit to be collected again",
        LetterType.InformationRequest => "Request for employment and income details",
        LetterType.OverpaymentDecision => "Housing Benefit overpayment decision",
    };

    private sealed class Row
    {
        public const string Select =
            "select notice_id, account_id, letter_type, channel, template_version, content_hash, caused_by_event_id, issued_on, recorded_at from letter_notice";

        public long notice_id { get; set; }
        public long account_id { get; set; }
        public string letter_type { get; set; } = "";
        public string channel { get; set; } = "";
        public int template_version { get; set; }
        public string content_hash { get; set; } = "";
        public long? caused_by_event_id { get; set; }
        public LocalDate issued_on { get; set; }
        public Instant recorded_at { get; set; }

        public StoredNotice ToNotice() => new(
            notice_id, account_id, LetterTypes.FromCode(letter_type), LetterTypes.ChannelFromCode(channel), template_version, content_hash,
            caused_by_event_id, issued_on, recorded_at);
    }
}
