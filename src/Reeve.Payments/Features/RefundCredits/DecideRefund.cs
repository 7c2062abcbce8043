using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Payments.Domain.Refunds;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.Payments;

/// <summary>
/// A second officer approves or rejects a refund that waits for approval or is held for review. Only a Team
/// Leader or Manager may (never a System Administrator: administration is kept apart from money), and never the officer who asked for it (separation of duties). Approving a held
/// refund is the review: the approver says how the bank details were confirmed. An approved refund is posted
/// to the ledger at once (a Refund entry, debtors to cash, keyed by the refund so it is posted once) and a
/// refund letter is marked due on the account's timeline.
/// </summary>
public static class DecideRefund
{
    public const string LetterDueKind = "letter-due";

    public static async Task<Outcome<Refund>> DecideAsync(
        ReeveDatabase db, CouncilId council, long refundId, bool approve, string? note, string officer, Role role, string? remoteAddress,
        LocalDate today, Instant now, CancellationToken ct = default)
    {
        if (ApprovalRules.ApproverProblem(role, null, Money.Zero) is { } notApprover)
        {
            return new Outcome<Refund>.Conflict(notApprover);
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var refund = await RefundStore.GetAsync(connection, tx, council, refundId);
        if (refund is null)
        {
            return new Outcome<Refund>.NotFound($"refund {refundId}");
        }

        if (refund.Status is not (RefundStatus.AwaitingApproval or RefundStatus.HeldForReview))
        {
            return new Outcome<Refund>.Conflict($"Refund {refundId} is already {refund.Status.Title().ToLowerInvariant()}");
        }

        if (string.Equals(refund.RequestedBy, officer, StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome<Refund>.Conflict("A refund must be approved or rejected by an officer other than the one who asked for it");
        }

        var trimmed = note?.Trim() ?? "";
        if ((refund.Status == RefundStatus.HeldForReview || !approve) && trimmed.Length == 0)
        {
            return new Outcome<Refund>.Invalid("note", approve
                ? "Say how the new bank details were confirmed with the payer"
                : "Say why the refund is rejected");
        }

        if (trimmed.Length > 500)
        {
            return new Outcome<Refund>.Invalid("note", "The note must be 500 characters or fewer");
        }

        if (approve && ApprovalRules.ApproverProblem(role, await ApprovalLimits.OwnAsync(connection, officer, tx), refund.Amount) is { } overLimit)
        {
            return new Outcome<Refund>.Conflict(overLimit);
        }

        if (approve)
        {
            // The credit may have gone since the request (a charge, a returned payment): never refund more than is there.
            var balance = await ReadBalance.BalanceAsync(connection, council, refund.AccountId, tx);
            var otherPending = await RefundStore.PendingAsync(connection, tx, council, refund.AccountId) - refund.Amount;
            if (refund.Amount > RefundRules.FreeCredit(balance, otherPending))
            {
                return new Outcome<Refund>.Conflict(
                    $"The account no longer has {refund.Amount.ToDisplayString()} of credit to refund (balance {balance.ToDisplayString()}); reject this refund");
            }
        }

        var status = approve ? RefundStatus.Approved : RefundStatus.Rejected;
        var changed = await connection.ExecuteAsync(
            "update refund_request set status = @status, decided_at = @now, decided_by = @officer, decision_note = @note " +
            "where council_id = @council and refund_id = @refundId and status = @was",
            new { status = status.Code(), now, officer, note = trimmed.Length == 0 ? null : trimmed, council = council.Value, refundId, was = refund.Status.Code() },
            tx);
        if (changed == 0)
        {
            await tx.RollbackAsync(ct);
            return new Outcome<Refund>.Conflict($"Refund {refundId} was decided by someone else just now");
        }

        await WorkQueue.CloseAsync(connection, tx, council, ApprovalWork.RefundSource, ApprovalWork.Key(refundId), now);
        var detail = $"{(approve ? "Approved" : "Rejected")} refund {refundId} of {refund.Amount.ToDisplayString()}{(trimmed.Length == 0 ? "" : ": " + trimmed)}";
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "account", refund.Account.Value, detail, remoteAddress, now);
        if (approve)
        {
            await PostAsync(connection, tx, council, refundId, refund.AccountId, refund.Amount, officer, trimmed.Length == 0 ? "Approved" : trimmed, today, now, ct);
        }
        else
        {
            await AccountEvents.RecordAsync(connection, tx, council, refund.AccountId, now, today, "refund-rejected", detail, officer, "Refund of a credit on the account");
        }

        await tx.CommitAsync(ct);
        return (await RefundStore.GetAsync(connection, null, council, refundId))!;
    }

    /// <summary>
    /// Posts an approved refund: Refund entries (debtors to cash) off the years in credit, keyed by the refund so
    /// that a retry posts nothing twice, then the timeline lines: the refund, and the refund letter now due.
    /// </summary>
    internal static async Task PostAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long refundId, long accountId, Money amount, string officer, string why,
        LocalDate today, Instant now, CancellationToken ct)
    {
        var outstanding = await PaymentAccounts.OutstandingByYearAsync(connection, tx, council, [accountId]);
        var years = RefundRules.Years(amount, outstanding.GetValueOrDefault(accountId) ?? [], FinancialYear.Containing(today));
        var entries = years.Select(y => new NewEntry(council, accountId, EntryKind.Refund, y.Amount, y.Year, today, officer,
                $"Refund {refundId} of credit{(years.Count == 1 ? "" : $" ({y.Year} share of {amount.ToDisplayString()})")}: {why}",
                "Refund of a credit on the account", years.Count == 1 ? $"refund:{refundId}" : $"refund:{refundId}:{y.Year.StartYear}"))
            .ToList();
        if (await PostEntries.PostAsync(connection, tx, entries, now, ct) is not Outcome<PostResult>.Done)
        {
            throw new InvalidOperationException($"Refund {refundId} could not be posted");
        }

        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, today, "refund-approved",
            $"Refund {refundId} of {amount.ToDisplayString()} approved and posted", officer, "Refund of a credit on the account");

        // The refund letter, queued with the refund in the same transaction (once: the refund is its source key).
        var refund = await RefundStore.GetAsync(connection, tx, council, refundId)
            ?? throw new InvalidOperationException($"Refund {refundId} is not there to write its letter");
        var paidBy = refund.Method == RefundMethod.Bank
            ? $"Bacs credit to the bank account ending {(refund.AccountNumber is { Length: >= 4 } n ? n[^4..] : "on record")}"
            : "a refund to the card the payment was made with";
        var letter = await Reeve.Letters.LetterRequests.RequestAsync(connection, tx,
            new Reeve.Letters.LetterRequest(council, accountId, today, $"refund:{refundId}", new Reeve.Letters.RefundFields(amount, refund.Reason, paidBy)), now);
        if (letter is not Outcome<Reeve.Letters.QueuedLetter>.Done)
        {
            throw new InvalidOperationException($"The letter for refund {refundId} could not be queued: {letter}");
        }

        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, today, LetterDueKind,
            $"refund: letter confirming refund {refundId} of {amount.ToDisplayString()} queued", officer, "Refund of a credit on the account");
    }
}
