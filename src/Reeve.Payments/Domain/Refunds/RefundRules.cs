using NodaTime;
using Reeve.Kernel;

namespace Reeve.Payments.Domain.Refunds;

public enum RefundMethod
{
    /// <summary>A Bacs Direct Credit (transaction code 99) to the payer's bank account.</summary>
    Bank = 1,

    /// <summary>Back to the card the credit was paid with (a GOV.UK Pay payment).</summary>
    Card = 2,
}

public enum RefundStatus
{
    AwaitingApproval = 1,
    HeldForReview = 2,
    Approved = 3,
    Paid = 4,
    Rejected = 5,
}

public static class RefundCodes
{
    public static string Code(this RefundMethod method) => method switch
    {
        RefundMethod.Bank => "bank",
        RefundMethod.Card => "card",
    };

    public static string Code(this RefundStatus status) => status switch
    {
        RefundStatus.AwaitingApproval => "awaiting-approval",
        RefundStatus.HeldForReview => "held-for-review",
        RefundStatus.Approved => "approved",
        RefundStatus.Paid => "paid",
        RefundStatus.Rejected => "rejected",
    };

    public static string Title(this RefundStatus status) => status switch
    {
        RefundStatus.AwaitingApproval => "Waiting for approval",
        RefundStatus.HeldForReview => "Held: bank details changed",
        RefundStatus.Approved => "Approved, waiting to be paid",
        RefundStatus.Paid => "Paid",
        RefundStatus.Rejected => "Rejected",
    };

    public static RefundStatus StatusFrom(string code) =>
        Enum.GetValues<RefundStatus>().First(s => s.Code() == code);

    public static RefundMethod MethodFrom(string code) =>
        Enum.GetValues<RefundMethod>().First(m => m.Code() == code);
}

/// <summary>
/// The rules a refund request is decided by, pure: how much credit is free to refund, whether the bank
/// details are new enough to hold it for review, whether a second officer must approve, and which years the
/// refund comes off.
/// </summary>
public static class RefundRules
{
    /// <summary>Bank details first given or changed this many days before the request hold the refund for review.</summary>
    public const int BankDetailsReviewDays = 30;

    /// <summary>The limit a council has not set: refunds above £250.00 need a second officer.</summary>
    public static readonly Money DefaultApprovalLimit = Money.FromPence(25_000);

    /// <summary>Credit on an account is a negative balance; what is free is that credit less refunds already asked for and not yet posted.</summary>
    public static Money FreeCredit(Money balance, Money pendingRefunds) =>
        balance.IsNegative ? Money.Zero - balance - pendingRefunds : Money.Zero - pendingRefunds;

    /// <summary>True when the details were recorded (first given or changed) within the review window before <paramref name="today"/>.</summary>
    public static bool BankDetailsRecentlyChanged(LocalDate recordedOn, LocalDate today) =>
        recordedOn > today.PlusDays(-BankDetailsReviewDays);

    public static RefundStatus FirstStatus(bool heldForReview, bool needsApproval) =>
        heldForReview ? RefundStatus.HeldForReview : needsApproval ? RefundStatus.AwaitingApproval : RefundStatus.Approved;

    /// <summary>
    /// Takes the refund off the years in credit, oldest first, so that each year's balance moves towards
    /// nil; anything left (credit that is not held in any one year) comes off <paramref name="fallback"/>.
    /// The shares always add up to the amount.
    /// </summary>
    public static IReadOnlyList<(FinancialYear Year, Money Amount)> Years(
        Money amount, IReadOnlyDictionary<FinancialYear, Money> outstandingByYear, FinancialYear fallback)
    {
        var shares = new List<(FinancialYear, Money)>();
        var left = amount;
        foreach (var (year, owed) in outstandingByYear.Where(y => y.Value.IsNegative).OrderBy(y => y.Key.StartYear))
        {
            if (!left.IsPositive)
            {
                break;
            }

            var credit = Money.Zero - owed;
            var share = credit < left ? credit : left;
            shares.Add((year, share));
            left -= share;
        }

        if (left.IsPositive)
        {
            var at = shares.FindIndex(s => s.Item1 == fallback);
            if (at >= 0)
            {
                shares[at] = (fallback, shares[at].Item2 + left);
            }
            else
            {
                shares.Add((fallback, left));
            }
        }

        return shares;
    }
}
