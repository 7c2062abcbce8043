using NodaTime;
using Reeve.Kernel;

namespace Reeve.Letters;

/// <summary>Who sends a notice: shown in the header, the contact block and the payment slip.</summary>
public sealed record CouncilDetails(
    string Name,
    IReadOnlyList<string> AddressLines,
    string Telephone,
    string Website,
    string Email,
    string BrandColour,
    string BankSortCode,
    string BankAccountNumber);

/// <summary>A postal address as it goes in an envelope window: lines, then the postcode on its own line.</summary>
public sealed record PostalAddress(IReadOnlyList<string> Lines, string Postcode)
{
    public string OneLine => string.Join(", ", Lines.Append(Postcode));
}

public sealed record Addressee(string Name, PostalAddress Address);

public sealed record InstalmentLine(LocalDate DueOn, Money Amount);

public sealed record ChargeLine(string Description, Money Amount);

/// <summary>What every letter's data has, whatever its type: the header, the address window and the payment slip read these.</summary>
public interface ILetterModel
{
    CouncilDetails Council { get; }
    Addressee Recipient { get; }
    AccountReference AccountReference { get; }
    LocalDate IssuedOn { get; }

    /// <summary>What the payment slip asks for; null for a letter that asks for no payment (a refund).</summary>
    Money? SlipAmount { get; }

    /// <summary>The reference block's label and value: the account's reference, unless the letter is about something else (a case).</summary>
    (string Label, string Value) Reference => ("Account reference", AccountReference.Value);
}

/// <summary>One precepting authority's Band D amount this year and last, as a demand notice must show it.</summary>
public sealed record PreceptLine(string Authority, Money BandDAmount, Money PreviousBandDAmount)
{
    /// <summary>The change on last year as a percentage to one decimal place, for display only ("4.9%").</summary>
    public string PercentChange => Percent.Change(PreviousBandDAmount, BandDAmount);
}

/// <summary>
/// The adult social care precept, shown apart from the rest of the county's precept: the amount in this year's
/// Band D and its change on last year.
/// </summary>
public sealed record AdultSocialCarePrecept(Money BandDAmount, Money PreviousBandDAmount)
{
    public string PercentChange => Percent.Change(PreviousBandDAmount, BandDAmount);
}

public sealed record AppliedDiscount(string Name, Money Amount);

/// <summary>The data of a council tax demand notice (a bill): annual, or after a change.</summary>
public sealed record DemandNoticeModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string FinancialYear,
    string PropertyAddress,
    string Band,
    Money BandDCharge,
    IReadOnlyList<PreceptLine> Precepts,
    AdultSocialCarePrecept AdultSocialCare,
    IReadOnlyList<ChargeLine> Charges,
    IReadOnlyList<AppliedDiscount> Discounts,
    Money AmountDue,
    IReadOnlyList<InstalmentLine> Instalments,
    string PaymentMethod) : ILetterModel
{
    public Money? SlipAmount => Instalments.Count > 0 ? Instalments[0].Amount : AmountDue;
}

/// <summary>A reminder after a missed instalment (CTAE Regs 1992 reg 23).</summary>
public sealed record ReminderModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string FinancialYear,
    int ReminderNumber,
    Money AmountOverdue,
    LocalDate PayBy,
    Money BalanceForYear,
    LocalDate BalanceDueIfNotPaid) : ILetterModel
{
    /// <summary>A second reminder in a year must also warn that the next default loses instalments at once (CTAE Regs 1992 reg 23(4)).</summary>
    public bool IsSecondReminder => ReminderNumber == 2;

    public Money? SlipAmount => AmountOverdue;
}

/// <summary>A final notice before a summons (CTAE Regs 1992 reg 33).</summary>
public sealed record FinalNoticeModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string FinancialYear,
    Money AmountDue,
    LocalDate PayBy) : ILetterModel
{
    public Money? SlipAmount => AmountDue;
}

/// <summary>A summons to the magistrates' court for a liability order (CTAE Regs 1992 reg 34).</summary>
public sealed record SummonsModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string FinancialYear,
    Money AmountOutstanding,
    Money CostsSoFar,
    string Court,
    LocalDateTime Hearing) : ILetterModel
{
    public Money TotalToPay => AmountOutstanding + CostsSoFar;

    public Money? SlipAmount => TotalToPay;
}

/// <summary>Advance notice of Direct Debit collections, as the Direct Debit Guarantee requires (formats.md 3).</summary>
public sealed record DirectDebitAdvanceNoticeModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string FinancialYear,
    string ServiceUserNumber,
    string BankAccountEnding,
    IReadOnlyList<InstalmentLine> Collections) : ILetterModel
{
    public Money? SlipAmount => null;
}

public sealed record RefundModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    Money Amount,
    string Reason,
    string PaidBy) : ILetterModel
{
    public Money? SlipAmount => null;
}

/// <summary>Confirms an arrangement to pay arrears by agreed instalments, and what happens if one is missed.</summary>
public sealed record ArrangementModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    Money AmountCovered,
    IReadOnlyList<InstalmentLine> Instalments) : ILetterModel
{
    public Money? SlipAmount => Instalments.Count > 0 ? Instalments[0].Amount : AmountCovered;
}

/// <summary>A Direct Debit has ended: what happened, what is owed now and by when, and how to pay or set up a new one.</summary>
public sealed record DirectDebitCancelledModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string MandateReference,
    string WhatHappened,
    Money AmountOwed,
    LocalDate PayBy,
    IReadOnlyList<InstalmentLine> Instalments) : ILetterModel
{
    public bool HasInstalments => Instalments.Count > 0;

    public Money? SlipAmount => Instalments.Count > 0 ? Instalments[0].Amount : AmountOwed.IsPositive ? AmountOwed : null;
}

/// <summary>A Direct Debit came back unpaid and will not be collected again: the missed amount is to be paid another way.</summary>
public sealed record DirectDebitUnpaidModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string MandateReference,
    Money AmountReturned,
    string Reason,
    LocalDate ReturnedOn,
    Money AmountOwed,
    LocalDate PayBy) : ILetterModel
{
    public Money? SlipAmount => AmountReturned;
}

/// <summary>A Direct Debit came back unpaid and will be collected once more on <see cref="RePresentOn"/>.</summary>
public sealed record DirectDebitRePresentationModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string MandateReference,
    Money Amount,
    string Reason,
    LocalDate ReturnedOn,
    LocalDate RePresentOn,
    string BankAccountEnding) : ILetterModel
{
    public Money? SlipAmount => null;
}

/// <summary>
/// A request, after a liability order, for the person's employment and income (CTAE Regs 1992 reg 36(1)): the order it follows,
/// the sum still owed under it and the day the reply is due (14 days).
/// </summary>
public sealed record InformationRequestModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string FinancialYear,
    LocalDate OrderMadeOn,
    string Court,
    Money AmountOutstanding,
    LocalDate ReplyBy) : ILetterModel
{
    public Money? SlipAmount => AmountOutstanding;
}

/// <summary>
/// The decision that Housing Benefit was overpaid (HB Regs 2006 reg 90 and Sch 9 paras 13-15): the claim, the period, the amount,
/// why it happened, that it is recoverable and from whom, and the right to ask for the decision to be looked at again or to
/// appeal within one month (<see cref="AppealBy"/>). <see cref="Revises"/> names the decision a revised one replaces.
/// </summary>
public sealed record OverpaymentDecisionModel(
    CouncilDetails Council,
    Addressee Recipient,
    AccountReference AccountReference,
    LocalDate IssuedOn,
    string ClaimReference,
    LocalDate PeriodFrom,
    LocalDate PeriodTo,
    Money Amount,
    string Cause,
    string RecoverFrom,
    LocalDate DecidedOn,
    LocalDate AppealBy,
    string? Revises) : ILetterModel
{
    public Money? SlipAmount => Amount;
}

internal static class Percent
{
    public static string Change(Money before, Money after)
    {
        if (before.IsZero)
        {
            return after.IsZero ? "0.0%" : "new";
        }

        return PercentChange.Between(before, after)!.Value.ToString();
    }
}
