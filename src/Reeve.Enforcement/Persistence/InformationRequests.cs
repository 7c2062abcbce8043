#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Enforcement;

/// <summary>A request for information sent to one person after a liability order (reg 36), and where it stands.</summary>
public sealed record InformationRequest(
    long RequestId, long AccountId, long LiabilityOrderId, FinancialYear Year, long PartyId, LocalDate IssuedOn, LocalDate ReplyDue,
    string Status, LocalDate? RepliedOn, LocalDate? FlaggedOn);

/// <summary>A person's reply: working or not, the employer (shared record), payroll number, pay and its period, benefits.</summary>
public sealed record InformationReply(
    long ReplyId, long RequestId, long PartyId, LocalDate ReceivedOn, Employment Employment, long? EmployerId, string PayrollNumber,
    PayPeriod? PayPeriod, Money? NetPay, IReadOnlyList<string> Benefits, string Note);

/// <summary>Reads of the module's requests and replies, every one in the caller's transaction where there is one.</summary>
public static class InformationRequests
{
    public const string AwaitingReply = "awaiting-reply";
    public const string Replied = "replied";
    public const string NoReply = "no-reply";

    private const string SelectRequest =
        "select request_id, account_id, liability_order_id, financial_year, party_id, issued_on, reply_due, status, replied_on, flagged_on from information_request ";

    private const string SelectReply =
        "select reply_id, request_id, party_id, received_on, employment, employer_id, payroll_number, pay_period, net_pay_pence, benefits, note from information_reply ";

    public static async Task<InformationRequest?> GetAsync(DbConnection connection, CouncilId council, long requestId, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<RequestRow>(SelectRequest + "where council_id = @council and request_id = @requestId",
            new { council = council.Value, requestId }, tx))?.ToRequest();

    /// <summary>The requests made to these people, oldest first.</summary>
    public static async Task<IReadOnlyList<InformationRequest>> ForPartiesAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> partyIds, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<RequestRow, long>(connection, SelectRequest + "where council_id = @council and party_id {ids}", council, partyIds, tx))
        .Select(r => r.ToRequest()).OrderBy(r => r.IssuedOn).ThenBy(r => r.RequestId).ToList();

    /// <summary>Every request still awaiting a reply, oldest first.</summary>
    public static async Task<IReadOnlyList<InformationRequest>> AwaitingAsync(DbConnection connection, DbTransaction? tx, CouncilId council) =>
        (await connection.QueryAsync<RequestRow>(SelectRequest + "where council_id = @council and status = 'awaiting-reply' order by reply_due, request_id",
            new { council = council.Value }, tx)).Select(r => r.ToRequest()).ToList();

    /// <summary>Requests flagged as unanswered past their reply date, still with no reply.</summary>
    public static async Task<IReadOnlyList<InformationRequest>> NoReplyAsync(DbConnection connection, DbTransaction? tx, CouncilId council) =>
        (await connection.QueryAsync<RequestRow>(SelectRequest + "where council_id = @council and status = 'no-reply' order by request_id",
            new { council = council.Value }, tx)).Select(r => r.ToRequest()).ToList();

    internal static async Task<IReadOnlyList<InformationRequest>> BySourceAsync(DbConnection connection, DbTransaction tx, CouncilId council, string sourceKeyPrefix) =>
        (await connection.QueryAsync<RequestRow>(SelectRequest + "where council_id = @council and source_key like @prefix order by request_id",
            new { council = council.Value, prefix = sourceKeyPrefix + "%" }, tx)).Select(r => r.ToRequest()).ToList();

    public static async Task<InformationReply?> ReplyAsync(DbConnection connection, CouncilId council, long replyId, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<ReplyRow>(SelectReply + "where council_id = @council and reply_id = @replyId",
            new { council = council.Value, replyId }, tx))?.ToReply();

    /// <summary>The newest reply a person has given to any request, or null.</summary>
    public static async Task<InformationReply?> NewestReplyAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null) =>
        (await connection.QueryFirstOrDefaultAsync<ReplyRow>(SelectReply + "where council_id = @council and party_id = @partyId order by received_on desc, reply_id desc",
            new { council = council.Value, partyId }, tx))?.ToReply();

    private sealed class RequestRow
    {
        public long request_id { get; set; }
        public long account_id { get; set; }
        public long liability_order_id { get; set; }
        public int financial_year { get; set; }
        public long party_id { get; set; }
        public LocalDate issued_on { get; set; }
        public LocalDate reply_due { get; set; }
        public string status { get; set; } = "";
        public LocalDate? replied_on { get; set; }
        public LocalDate? flagged_on { get; set; }

        public InformationRequest ToRequest() => new(request_id, account_id, liability_order_id, new FinancialYear(financial_year), party_id,
            issued_on, reply_due, status, replied_on, flagged_on);
    }

    private sealed class ReplyRow
    {
        public long reply_id { get; set; }
        public long request_id { get; set; }
        public long party_id { get; set; }
        public LocalDate received_on { get; set; }
        public string employment { get; set; } = "";
        public long? employer_id { get; set; }
        public string payroll_number { get; set; } = "";
        public string? pay_period { get; set; }
        public long? net_pay_pence { get; set; }
        public string benefits { get; set; } = "";
        public string note { get; set; } = "";

        public InformationReply ToReply() => new(reply_id, request_id, party_id, received_on,
            Employments.FromCode(employment) ?? throw new InvalidOperationException($"Reply {reply_id} has employment '{employment}'"),
            employer_id, payroll_number, PayPeriods.FromCode(pay_period), net_pay_pence is { } p ? Money.FromPence(p) : null,
            benefits.Length == 0 ? [] : benefits.Split(','), note);
    }
}
