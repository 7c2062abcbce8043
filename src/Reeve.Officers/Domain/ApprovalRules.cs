using Reeve.Kernel;

namespace Reeve.Officers;

/// <summary>
/// Who may take a money step alone and who may approve one (decision 0062). An officer's approval limit is their own
/// when an administrator set one, otherwise the council's. A refund or a reversal that lowers a debt within the asking
/// officer's limit needs no second officer; above it, a Team Leader or Manager other than the asker approves it, and
/// only within their own limit when they have one (an approver with no limit of their own approves under the council's
/// rule, as before). A System Administrator or an Auditor never approves. Pure.
/// </summary>
public static class ApprovalRules
{
    /// <summary>The limit a money step by this officer is held to: their own when set, else the council's.</summary>
    public static Money Effective(Money? own, Money councilLimit) => own ?? councilLimit;

    public static bool NeedsSecondOfficer(Money amount, Money? askerOwn, Money councilLimit) => amount > Effective(askerOwn, councilLimit);

    /// <summary>Why this officer may not approve this amount, in words for them; null when they may.</summary>
    public static string? ApproverProblem(Role role, Money? approverOwn, Money amount) =>
        !role.MayApproveMoney() ? role.WhyNotApprover()
        : approverOwn is { } limit && amount > limit
            ? $"{amount.ToDisplayString()} is above your approval limit of {limit.ToDisplayString()}: ask a Team Leader or Manager whose limit covers it"
            : null;

    /// <summary>How a step's limit is described: "your approval limit of £500.00" or "the council's approval limit of £250.00".</summary>
    public static string Describe(Money? own, Money councilLimit) =>
        own is { } limit ? $"your approval limit of {limit.ToDisplayString()}" : $"the council's approval limit of {councilLimit.ToDisplayString()}";
}
