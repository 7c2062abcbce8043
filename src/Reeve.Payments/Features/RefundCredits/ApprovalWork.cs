using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Work;

namespace Reeve.Payments;

/// <summary>
/// Money steps waiting for a second officer are work for the Payments team's Team Leaders and Managers: a refund above
/// the approval limit or held because its bank details changed, and a reversal that lowers a debt above the limit.
/// Raised where the request is made, closed where it is approved or rejected. Two working days.
/// </summary>
public static class ApprovalWork
{
    public const string RefundSource = "payments.refund-approval";
    public const string ReversalSource = "payments.reversal-approval";
    public const int WorkingDaysToDecide = 2;

    public static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static WorkToRaise Refund(long refundId, Money amount, string why, long accountId, Instant raisedAt) => new(
        RefundSource, Key(refundId), "Refund to approve", $"Refund {refundId} of {amount.ToDisplayString()}: {why}", WorkTeams.Payments,
        WorkClocks.WorkingDaysAfter(raisedAt, WorkingDaysToDecide), WorkClock.WorkingDays, AccountId: accountId);

    public static WorkToRaise Reversal(long requestId, string what, long accountId, Instant raisedAt) => new(
        ReversalSource, Key(requestId), "Reversal to approve", $"Reverse the {what.ToLowerInvariant()} (request {requestId})", WorkTeams.Payments,
        WorkClocks.WorkingDaysAfter(raisedAt, WorkingDaysToDecide), WorkClock.WorkingDays, AccountId: accountId);

    /// <summary>Refunds waiting for a decision when the queue arrived.</summary>
    public sealed class RefundBackfill : IWorkBackfill
    {
        public string Source => RefundSource;

        public async Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            (await connection.QueryAsync<Waiting>(
                "select refund_id as Id, account_id as AccountId, amount_pence as AmountPence, status as What, requested_at as At from refund_request " +
                "where council_id = @council and status in ('awaiting-approval', 'held-for-review') order by refund_id", new { council = council.Value }, tx))
            .Select(r => Refund(r.Id, Money.FromPence(r.AmountPence), r.What == "held-for-review" ? "held for review: the bank details changed" : "waiting for a second officer's approval", r.AccountId, r.At))
            .ToList();
    }

    /// <summary>Reversals waiting for a decision when the queue arrived.</summary>
    public sealed class ReversalBackfill : IWorkBackfill
    {
        public string Source => ReversalSource;

        public async Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            (await connection.QueryAsync<Waiting>(
                "select request_id as Id, account_id as AccountId, amount_pence as AmountPence, reason as What, requested_at as At from reversal_request " +
                "where council_id = @council and status = 'awaiting-approval' order by request_id", new { council = council.Value }, tx))
            .Select(r => Reversal(r.Id, $"entry of {Money.FromPence(r.AmountPence).ToDisplayString()} ({r.What})", r.AccountId, r.At))
            .ToList();
    }

    private sealed class Waiting
    {
        public long Id { get; set; }
        public long AccountId { get; set; }
        public long AmountPence { get; set; }
        public string What { get; set; } = "";
        public Instant At { get; set; }
    }
}
