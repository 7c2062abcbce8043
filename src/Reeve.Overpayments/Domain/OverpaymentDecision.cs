using NodaTime;
using Reeve.Kernel;

namespace Reeve.Overpayments.Domain;

/// <summary>
/// Why Housing Benefit was overpaid, as the subsidy claim counts it: the claimant's error (including failing to report a
/// change), the local authority's error, another official error (DWP or HMRC), or fraud.
/// </summary>
public enum OverpaymentCause
{
    ClaimantError = 1,
    LocalAuthorityError = 2,
    OfficialError = 3,
    Fraud = 4,
}

/// <summary>Who an overpayment is recovered from (HB Regs 2006 reg 101): the claimant, their partner, the landlord paid direct, or the appointee.</summary>
public enum RecoverFrom
{
    Claimant = 1,
    Partner = 2,
    Landlord = 3,
    Appointee = 4,
}

public static class OverpaymentCodes
{
    public static IReadOnlyList<OverpaymentCause> Causes { get; } = Enum.GetValues<OverpaymentCause>();

    public static string Code(this OverpaymentCause cause) => cause switch
    {
        OverpaymentCause.ClaimantError => "claimant-error",
        OverpaymentCause.LocalAuthorityError => "la-error",
        OverpaymentCause.OfficialError => "official-error",
        OverpaymentCause.Fraud => "fraud",
    };

    public static OverpaymentCause? CauseFromCode(string? code) => Causes.Cast<OverpaymentCause?>().FirstOrDefault(c => c!.Value.Code() == code);

    /// <summary>How the decision notice words the cause.</summary>
    public static string Describe(this OverpaymentCause cause) => cause switch
    {
        OverpaymentCause.ClaimantError => "The overpayment happened because we were not told, or not told in time, about a change in your circumstances",
        OverpaymentCause.LocalAuthorityError => "The overpayment happened because of a mistake by the council",
        OverpaymentCause.OfficialError => "The overpayment happened because of a mistake by the Department for Work and Pensions or HM Revenue and Customs",
        OverpaymentCause.Fraud => "The overpayment happened because of a dishonest claim",
    };

    public static string Code(this RecoverFrom who) => who switch
    {
        RecoverFrom.Claimant => "claimant",
        RecoverFrom.Partner => "partner",
        RecoverFrom.Landlord => "landlord",
        RecoverFrom.Appointee => "appointee",
    };

    public static RecoverFrom? RecoverFromCode(string? code) => Enum.GetValues<RecoverFrom>().Cast<RecoverFrom?>().FirstOrDefault(r => r!.Value.Code() == code);

    public static string Describe(this RecoverFrom who) => who switch
    {
        RecoverFrom.Claimant => "you, the claimant",
        RecoverFrom.Partner => "you, the claimant's partner",
        RecoverFrom.Landlord => "you, the landlord the benefit was paid to",
        RecoverFrom.Appointee => "you, the claimant's appointee",
    };
}

/// <summary>One line of a decisions file (docs/domain/hb-overpayments.md), as read: each field checked on its own.</summary>
public sealed record OverpaymentDecision(
    int Line,
    string DecisionReference,
    string ClaimReference,
    LocalDate PeriodFrom,
    LocalDate PeriodTo,
    Money Amount,
    OverpaymentCause Cause,
    bool Recoverable,
    RecoverFrom RecoverFrom,
    LocalDate DecidedOn,
    string? Revises)
{
    /// <summary>The fields that make the decision: the same reference with another fingerprint is a different decision.</summary>
    public string Fingerprint() => string.Join('|', ClaimReference, DateText.FormatIso(PeriodFrom), DateText.FormatIso(PeriodTo), Amount.Pence,
        Cause.Code(), Recoverable ? "yes" : "no", RecoverFrom.Code(), DateText.FormatIso(DecidedOn), Revises ?? "");

    /// <summary>
    /// The debt falls due one month after the decision, when the time to ask for a revision or to appeal has run (SI 2001/1002
    /// regs 4 and 18); recovery from ongoing benefit may start sooner (reg 102), and is not held back by this date.
    /// </summary>
    public LocalDate DueOn => DecidedOn.PlusMonths(1);
}

/// <summary>The rules a decision must keep on its own, before it is checked against the claims and decisions Reeve holds.</summary>
public static class OverpaymentRules
{
    /// <summary>
    /// Every overpayment is recoverable except one caused by official error that the person could not reasonably have been
    /// expected to realise was an overpayment (HB Regs 2006 reg 100(1)-(2)): one caused by the claimant or by fraud always is.
    /// </summary>
    public static (string Field, string Message)? Problem(OverpaymentDecision d)
    {
        if (!d.Recoverable && d.Cause is OverpaymentCause.ClaimantError or OverpaymentCause.Fraud)
        {
            return ("recoverable", $"An overpayment caused by {d.Cause.Code()} is always recoverable (HB Regs 2006 reg 100(1)); only official error can be irrecoverable (reg 100(2))");
        }

        if (d.PeriodTo < d.PeriodFrom)
        {
            return ("period_to", "The overpaid period cannot end before it starts");
        }

        if (d.DecidedOn < d.PeriodFrom)
        {
            return ("decided_on", "A decision that benefit was overpaid cannot come before the period it covers starts");
        }

        return d.Revises == d.DecisionReference ? ("revises", "A decision cannot revise itself") : null;
    }
}
