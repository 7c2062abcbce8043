using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Payments.Domain.Modulus;
using Reeve.Payments.Domain.Refunds;
using Reeve.Payments.Features.CheckBankDetails;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.Payments;

/// <summary>
/// An officer asks for an account's credit to be refunded, to bank details (checked by modulus) or back to the
/// card it was paid with. The refund may not be more than the credit not already asked for. It is held for
/// review when the bank details were first given or changed in the last 30 days, and waits for a second
/// officer's approval when it is above the council's limit; otherwise it is approved and posted at once.
/// The request, the account's timeline and the audit trail are written in one transaction.
/// </summary>
public static class RequestRefund
{
    public sealed record Request(
        CouncilId Council,
        string AccountReference,
        string? Amount,
        RefundMethod Method,
        string? SortCode,
        string? AccountNumber,
        string? AccountName,
        string? CardPaymentId,
        string? Reason,
        string Officer,
        string? RemoteAddress);

    public static async Task<Outcome<Refund>> RequestAsync(
        ReeveDatabase db, ModulusWeightTable modulus, Request request, LocalDate today, Instant now, CancellationToken ct = default)
    {
        if (!AccountReference.TryParse(request.AccountReference, out var reference, out var referenceError))
        {
            return new Outcome<Refund>.Invalid("account", referenceError);
        }

        if (!MoneyText.TryParse(request.Amount, out var amount, out var amountError))
        {
            return new Outcome<Refund>.Invalid("amount", amountError);
        }

        if (!amount.IsPositive)
        {
            return new Outcome<Refund>.Invalid("amount", "The refund must be more than £0.00");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return new Outcome<Refund>.Invalid("reason", "Say why the credit is being refunded, in 500 characters or fewer");
        }

        CheckBankDetails.CheckedBankDetails? bank = null;
        var accountName = (request.AccountName ?? "").Trim();
        if (request.Method == RefundMethod.Bank)
        {
            switch (CheckBankDetails.Check(modulus, request.SortCode, request.AccountNumber))
            {
                case Outcome<CheckBankDetails.CheckedBankDetails>.Done done:
                    bank = done.Value;
                    break;
                case Outcome<CheckBankDetails.CheckedBankDetails>.Invalid invalid:
                    return new Outcome<Refund>.Invalid(invalid.Field, invalid.Message);
            }

            if (Domain.Bacs.BacsText.FirstDisallowed(accountName.ToUpperInvariant()) is not null || accountName.Length is 0 or > 18)
            {
                return new Outcome<Refund>.Invalid("accountName", "Enter the name on the bank account, up to 18 letters, numbers and spaces");
            }
        }
        else if (string.IsNullOrWhiteSpace(request.CardPaymentId))
        {
            return new Outcome<Refund>.Invalid("cardPaymentId", "Enter the GOV.UK Pay payment ID of the card payment to refund");
        }

        var council = request.Council;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await AccountStore.FindByReferenceAsync(connection, council, reference);
        if (account is null)
        {
            return new Outcome<Refund>.NotFound($"account {reference}");
        }

        var balance = await Reeve.Ledger.ReadBalance.BalanceAsync(connection, council, account.AccountId, tx);
        var free = RefundRules.FreeCredit(balance, await RefundStore.PendingAsync(connection, tx, council, account.AccountId));
        if (amount > free)
        {
            return new Outcome<Refund>.Invalid("amount",
                $"The account has {Money.Max(free, Money.Zero).ToDisplayString()} of credit that can be refunded; the refund cannot be more");
        }

        long? detailsId = null;
        var held = false;
        if (bank is not null)
        {
            (detailsId, var recordedOn) = await BankDetailsAsync(connection, tx, council, account.AccountId, bank, accountName.ToUpperInvariant(), request.Officer, today);
            held = RefundRules.BankDetailsRecentlyChanged(recordedOn, today);
        }

        var settings = await RefundStore.SettingsAsync(connection, tx, council);
        var ownLimit = await ApprovalLimits.OwnAsync(connection, request.Officer, tx);
        var needsApproval = ApprovalRules.NeedsSecondOfficer(amount, ownLimit, settings.ApprovalLimit);
        var status = RefundRules.FirstStatus(held, needsApproval);
        var refundId = await IdAllocator.ReserveAsync(connection, tx, council, "refund_request", 1);
        await connection.ExecuteAsync(
            "insert into refund_request (council_id, refund_id, account_id, amount_pence, method, details_id, card_payment_id, reason, status, " +
            "needs_approval, held_for_review, requested_on, requested_at, requested_by) values (@council, @refundId, @accountId, @amount, @method, " +
            "@detailsId, @card, @reason, @status, @needsApproval, @held, @today, @now, @officer)",
            new
            {
                council = council.Value, refundId, accountId = account.AccountId, amount = amount.Pence, method = request.Method.Code(), detailsId,
                card = request.Method == RefundMethod.Card ? request.CardPaymentId!.Trim() : null, reason = request.Reason.Trim(),
                status = status.Code(), needsApproval, held, today, now, officer = request.Officer,
            },
            tx);

        var why = status switch
        {
            RefundStatus.HeldForReview => $"held for review: the bank details were given or changed in the last {RefundRules.BankDetailsReviewDays} days",
            RefundStatus.AwaitingApproval => $"waiting for a second officer's approval: above {ApprovalRules.Describe(ownLimit, settings.ApprovalLimit)}",
            _ => $"approved: within {ApprovalRules.Describe(ownLimit, settings.ApprovalLimit)}",
        };
        await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, today, "refund-requested",
            $"Refund {refundId} of {amount.ToDisplayString()} {(request.Method == RefundMethod.Bank ? "by bank credit" : "to the card")} requested, {why}",
            request.Officer, "Refund of a credit on the account");
        await AuditTrail.RecordAsync(connection, tx, council, request.Officer, AuditTrail.Actions.Change, "account", reference.Value,
            $"Requested refund {refundId} of {amount.ToDisplayString()} ({request.Method.Code()}): {why}", request.RemoteAddress, now);
        if (status is RefundStatus.AwaitingApproval or RefundStatus.HeldForReview)
        {
            await WorkQueue.RaiseAsync(connection, tx, council, ApprovalWork.Refund(refundId, amount, why, account.AccountId, now), now);
        }

        if (status == RefundStatus.Approved)
        {
            await DecideRefund.PostAsync(connection, tx, council, refundId, account.AccountId, amount, request.Officer, "Within " + ApprovalRules.Describe(ownLimit, settings.ApprovalLimit), today, now, ct);
        }

        await tx.CommitAsync(ct);
        return (await RefundStore.GetAsync(connection, null, council, refundId))!;
    }

    /// <summary>
    /// The details row for these bank details: the account's latest if it is the same account, else a new row
    /// recorded today (a change). Returns its id and the day those details were first recorded.
    /// </summary>
    private static async Task<(long Id, LocalDate RecordedOn)> BankDetailsAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long accountId, CheckBankDetails.CheckedBankDetails bank, string name,
        string officer, LocalDate today)
    {
        var latest = await connection.QueryFirstOrDefaultAsync<(long Id, string SortCode, string AccountNumber, string Name, LocalDate RecordedOn)?>(
            "select details_id, sort_code, account_number, account_name, recorded_on from refund_bank_details " +
            "where council_id = @council and account_id = @accountId order by details_id desc limit 1",
            new { council = council.Value, accountId }, tx);
        if (latest is { } l && l.SortCode == bank.SortCode.Digits && l.AccountNumber == bank.AccountNumber.Digits && l.Name == name)
        {
            return (l.Id, l.RecordedOn);
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "refund_bank_details", 1);
        await connection.ExecuteAsync(
            "insert into refund_bank_details (council_id, details_id, account_id, sort_code, account_number, account_name, recorded_on, recorded_by) " +
            "values (@council, @id, @accountId, @sortCode, @accountNumber, @name, @today, @officer)",
            new
            {
                council = council.Value, id, accountId, sortCode = bank.SortCode.Digits, accountNumber = bank.AccountNumber.Digits, name,
                today, officer,
            },
            tx);
        return (id, today);
    }
}
