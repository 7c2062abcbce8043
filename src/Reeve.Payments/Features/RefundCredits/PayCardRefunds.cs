#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Refunds;
using Reeve.Payments.Features.TakeCardPayments;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>Where paying a card refund through GOV.UK Pay stands: its refund id there, its status, and what went wrong if anything.</summary>
public sealed record CardRefundState(long RefundId, string PayPaymentId, string? PayRefundId, string Status, string? Problem, int Attempts, Instant UpdatedAt)
{
    public const string Submitted = "submitted";
    public const string Success = "success";
    public const string Error = "error";
    public const string Refused = "refused";

    /// <summary>What an officer reads in the refund queue.</summary>
    public string Describe() => Status switch
    {
        Submitted => $"Sent to GOV.UK Pay (refund {PayRefundId}), waiting for the card processor",
        Success => $"Refunded to the card by GOV.UK Pay (refund {PayRefundId})",
        Error => $"Failed: {Problem}",
        _ => $"Refused: {Problem}",
    };
}

/// <summary>
/// Pays approved card refunds back to the card through GOV.UK Pay's refund API (docs.payments.service.gov.uk/
/// refunding_payments). For each refund: if a refund is already submitted there, its status is read
/// (GET /v1/payments/{id}/refunds/{refundId}); otherwise the payment's refund_summary is read and, if the payment can be
/// refunded and enough is left, a refund is made (POST /v1/payments/{id}/refunds with amount and
/// refund_amount_available). GOV.UK Pay refuses a refund whose refund_amount_available no longer matches, so trying
/// again after a failure cannot refund the same money twice. A refund GOV.UK Pay reports as success is marked paid;
/// one refused or failed stays approved and unpaid, with the reason kept for the officer, and is tried again next time.
/// The ledger already carries the refund from its approval (<see cref="DecideRefund"/>); nothing is posted here.
/// </summary>
public static class PayCardRefunds
{
    public sealed record Attempt(long RefundId, AccountReference Account, Money Amount, CardRefundState State);

    public static async Task<IReadOnlyList<Attempt>> PayAsync(ReeveDatabase db, GovUkPayClient pay, CouncilId council, string officer, Instant now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var due = (await RefundStore.ListAsync(connection, null, council, [RefundStatus.Approved])).Where(r => r.Method == RefundMethod.Card).ToList();
        var states = await StatesAsync(connection, null, council);
        var attempts = new List<Attempt>();
        foreach (var refund in due)
        {
            var before = states.GetValueOrDefault(refund.RefundId);
            var (status, payRefundId, problem) = await TryAsync(pay, refund, before, ct);

            // Each refund's outcome is kept in its own transaction: a later failure does not undo one GOV.UK Pay has made.
            await using var tx = await connection.BeginTransactionAsync(ct);
            var state = await SaveAsync(connection, tx, council, refund, before, status, payRefundId, problem, officer, now);
            await tx.CommitAsync(ct);
            attempts.Add(new Attempt(refund.RefundId, refund.Account, refund.Amount, state));
        }

        return attempts;
    }

    /// <summary>The GOV.UK Pay state of every card refund tried, by refund id.</summary>
    public static async Task<IReadOnlyDictionary<long, CardRefundState>> StatesAsync(DbConnection connection, DbTransaction? tx, CouncilId council) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council", new { council = council.Value }, tx))
        .Select(r => r.ToState()).ToDictionary(s => s.RefundId);

    private static async Task<(string Status, string? PayRefundId, string? Problem)> TryAsync(GovUkPayClient pay, Refund refund, CardRefundState? before, CancellationToken ct)
    {
        var paymentId = refund.CardPaymentId ?? throw new InvalidOperationException($"Card refund {refund.RefundId} has no GOV.UK Pay payment id");
        try
        {
            if (before is { Status: CardRefundState.Submitted, PayRefundId: { } submitted })
            {
                var now = await pay.GetRefundAsync(paymentId, submitted, ct);
                return (Known(now.Status), submitted, now.Status == CardRefundState.Error ? "GOV.UK Pay says the refund to the card failed" : null);
            }

            var payment = await pay.GetPaymentAsync(paymentId, ct);
            if (payment.RefundSummary is not { } summary)
            {
                return (CardRefundState.Refused, null, $"GOV.UK Pay shows no refund summary for payment {paymentId}");
            }

            if (summary.Status != "available")
            {
                return (CardRefundState.Refused, null, $"GOV.UK Pay says payment {paymentId} cannot be refunded (its refund status is {summary.Status})");
            }

            if (summary.AmountAvailable < refund.Amount.Pence)
            {
                return (CardRefundState.Refused, null,
                    $"only {Money.FromPence(summary.AmountAvailable).ToDisplayString()} of payment {paymentId} is left to refund, less than {refund.Amount.ToDisplayString()}");
            }

            var made = await pay.RefundAsync(paymentId, refund.Amount.Pence, summary.AmountAvailable, ct);
            return (Known(made.Status), made.RefundId, made.Status == CardRefundState.Error ? "GOV.UK Pay says the refund to the card failed" : null);
        }
        catch (GovUkPayException e)
        {
            return (e.StatusCode is >= 400 and < 500 ? CardRefundState.Refused : CardRefundState.Error, before?.PayRefundId, e.Message);
        }
        catch (HttpRequestException e)
        {
            return (CardRefundState.Error, before?.PayRefundId, $"GOV.UK Pay could not be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (CardRefundState.Error, before?.PayRefundId, "GOV.UK Pay did not answer in time");
        }
    }

    // GOV.UK Pay's refund statuses are submitted, success and error; anything else is treated as still submitted.
    private static string Known(string status) => status is CardRefundState.Success or CardRefundState.Error ? status : CardRefundState.Submitted;

    private static async Task<CardRefundState> SaveAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, Refund refund, CardRefundState? before, string status, string? payRefundId, string? problem,
        string officer, Instant now)
    {
        var tried = before is null || before.Status != CardRefundState.Submitted ? 1 : 0;
        var args = new
        {
            council = council.Value, refundId = refund.RefundId, paymentId = refund.CardPaymentId, payRefundId, status, problem,
            attempts = (before?.Attempts ?? 0) + tried, now, officer,
        };
        if (before is null)
        {
            await connection.ExecuteAsync(
                "insert into card_refund (council_id, refund_id, pay_payment_id, pay_refund_id, status, problem, attempts, updated_at, updated_by) " +
                "values (@council, @refundId, @paymentId, @payRefundId, @status, @problem, @attempts, @now, @officer)", args, tx);
        }
        else
        {
            await connection.ExecuteAsync(
                "update card_refund set pay_refund_id = @payRefundId, status = @status, problem = @problem, attempts = @attempts, updated_at = @now, updated_by = @officer " +
                "where council_id = @council and refund_id = @refundId", args, tx);
        }

        var state = new CardRefundState(refund.RefundId, refund.CardPaymentId!, payRefundId, status, problem, args.attempts, now);
        if (status == CardRefundState.Success)
        {
            await connection.ExecuteAsync("update refund_request set status = 'paid' where council_id = @council and refund_id = @refundId and status = 'approved'",
                new { council = council.Value, refundId = refund.RefundId }, tx);
        }

        if (before?.Status != status || before.Problem != problem)
        {
            await AccountEvents.RecordAsync(connection, tx, council, refund.AccountId, now, now.InZone(UkTime.Zone).Date,
                status == CardRefundState.Success ? "refund-paid" : "refund-card",
                $"Refund {refund.RefundId} of {refund.Amount.ToDisplayString()} to the card (GOV.UK Pay payment {refund.CardPaymentId}): {state.Describe()}",
                officer, "GOV.UK Pay refund API");
        }

        return state;
    }

    private sealed class Row
    {
        public const string Select = "select refund_id, pay_payment_id, pay_refund_id, status, problem, attempts, updated_at from card_refund";

        public long refund_id { get; set; }
        public string pay_payment_id { get; set; } = "";
        public string? pay_refund_id { get; set; }
        public string status { get; set; } = "";
        public string? problem { get; set; }
        public long attempts { get; set; }
        public Instant updated_at { get; set; }

        public CardRefundState ToState() => new(refund_id, pay_payment_id, pay_refund_id, status, problem, (int)attempts, updated_at);
    }
}
