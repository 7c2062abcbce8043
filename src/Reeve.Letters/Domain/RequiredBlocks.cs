namespace Reeve.Letters;

/// <summary>
/// A section a template of a letter type must keep, the fields it must show inside it, and the rule that
/// requires it. Managers may reword a section; they cannot drop it or the fields it must show.
/// </summary>
public sealed record RequiredBlock(string Name, string Description, IReadOnlyList<string> Fields, string Source);

public static class RequiredBlocks
{
    // Council Tax (Demand Notices) (England) Regulations 2011 (SI 2011/3038), Schedule 1 (matters to be contained
    // in a demand notice) and Schedule 2 (explanatory notes). Paragraph numbers are not yet checked against
    // legislation.gov.uk, so the sources below name the Schedule only.
    private const string DemandNoticeRegs = "SI 2011/3038 Sch 1";
    private const string ExplanatoryNotes = "SI 2011/3038 Sch 2";

    public static IReadOnlyList<RequiredBlock> For(LetterType type) => type switch
    {
        LetterType.DemandNotice =>
        [
            new("band", "the valuation band of the dwelling", ["Band"], DemandNoticeRegs),
            new("band-d-charge", "the council tax for Band D", ["BandDCharge"], DemandNoticeRegs),
            new("precepts", "each precepting authority's amount and its change on last year", ["Precepts"], DemandNoticeRegs),
            new("adult-social-care", "the adult social care precept and its change", ["AdultSocialCare"], DemandNoticeRegs),
            new("charges", "how the amount due is worked out", ["Charges", "AmountDue"], DemandNoticeRegs),
            new("discounts", "discounts, exemptions and reductions, and how to claim them", ["Council.Website"], ExplanatoryNotes),
            new("instalments", "the instalments and when each is due", ["Instalments"], "CTAE Regs 1992 Sch 1 para 2"),
            // CTAE Regs 1992 reg 21(1A)-(1D), inserted by SI 2012/3086; bills must say how to ask (rulebook 1.9).
            new("twelve-instalments", "the right to ask for 12 monthly instalments", [], "CTAE Regs 1992 reg 21(1A)"),
            new("appeals", "how to appeal against the band or liability", ["Council.Website"], ExplanatoryNotes),
        ],
        LetterType.Reminder =>
        [
            new("amount-overdue", "the overdue sum and the date to pay it by", ["AmountOverdue", "PayBy"], "CTAE Regs 1992 reg 23(1)"),
            new("consequences", "that the whole year becomes payable if it is not paid", ["BalanceForYear", "BalanceDueIfNotPaid"], "CTAE Regs 1992 reg 23(3)"),
        ],
        LetterType.FinalNotice =>
        [
            new("amount-due", "the sum due and the date to pay it by", ["AmountDue", "PayBy"], "CTAE Regs 1992 reg 33"),
            new("next-steps", "that a summons may follow if it is not paid", [], "CTAE Regs 1992 reg 34(1)"),
        ],
        LetterType.Summons =>
        [
            new("hearing", "the court, the date and the time of the hearing", ["Court", "Hearing"], "CTAE Regs 1992 reg 34(2)"),
            new("amount", "the sum outstanding and the costs so far", ["AmountOutstanding", "CostsSoFar"], "CTAE Regs 1992 reg 34(5)"),
            new("pay-before-hearing", "that paying in full before the hearing stops the application", ["TotalToPay"], "CTAE Regs 1992 reg 34(5)"),
        ],
        LetterType.DirectDebitAdvanceNotice =>
        [
            new("collections", "each amount and the date it will be collected", ["Collections"], "Direct Debit Guarantee (formats.md 3)"),
            new("guarantee", "the Direct Debit Guarantee", [], "Direct Debit Guarantee (formats.md 3)"),
        ],
        LetterType.RefundLetter =>
        [
            new("refund", "the amount refunded and how it is paid", ["Amount", "PaidBy"], "council practice"),
        ],
        LetterType.ArrangementLetter =>
        [
            new("schedule", "the agreed payments and their dates", ["Instalments"], "council practice"),
            new("if-missed", "what happens if a payment is missed", [], "CTAE Regs 1992 reg 34"),
        ],
        LetterType.DirectDebitCancelled =>
        [
            new("what-happened", "that the Direct Debit has ended, and why", ["MandateReference", "WhatHappened"], "Direct Debit scheme rules (formats.md 3)"),
            new("what-you-owe", "what the account owes now and when the next payment is due", ["AmountOwed", "PayBy"], "CTAE Regs 1992 Sch 1 para 2"),
            new("how-to-pay", "how to pay now, or set up a new Direct Debit", ["Council.Website", "Council.Telephone"], "council practice"),
        ],
        LetterType.DirectDebitUnpaid =>
        [
            new("what-happened", "the Direct Debit that was not paid and the bank's reason", ["AmountReturned", "Reason"], "Direct Debit scheme rules (formats.md 3)"),
            new("what-you-owe", "the amount to pay and the date to pay it by", ["AmountReturned", "PayBy", "AmountOwed"], "CTAE Regs 1992 reg 23(1)"),
            new("how-to-pay", "how to pay, or set up a new Direct Debit", ["Council.Website", "Council.Telephone"], "council practice"),
        ],
        LetterType.DirectDebitRePresentation =>
        [
            new("what-happened", "the Direct Debit that was not paid and the bank's reason", ["Amount", "Reason"], "Direct Debit scheme rules (formats.md 3)"),
            new("collect-again", "the day the amount will be collected again, and from which account", ["Amount", "RePresentOn", "BankAccountEnding"],
                "Direct Debit Guarantee: notice before a re-presentation (formats.md 3)"),
            new("how-to-pay", "how to pay another way instead", ["Council.Website", "Council.Telephone"], "council practice"),
        ],
        LetterType.InformationRequest =>
        [
            new("order", "the liability order the request follows and the sum still owed under it", ["OrderMadeOn", "Court", "AmountOutstanding"], "CTAE Regs 1992 reg 36(1)"),
            new("what-to-tell-us", "what the person must tell the council: employer, pay and benefits", [], "CTAE Regs 1992 reg 36(1)"),
            new("reply-by", "the day the reply is due, 14 days after the request", ["ReplyBy"], "CTAE Regs 1992 reg 36(1)"),
            new("penalty", "that a penalty may be imposed for not replying or for a false reply", [], "CTAE Regs 1992 reg 36; LGFA 1992 Sch 3"),
        ],
        LetterType.OverpaymentDecision =>
        [
            new("overpayment", "that there is a recoverable overpayment, its amount and the period it covers",
                ["ClaimReference", "PeriodFrom", "PeriodTo", "Amount"], "HB Regs 2006 (SI 2006/213) Sch 9 para 15(a)-(c)"),
            new("cause", "how the overpayment happened", ["Cause"], "HB Regs 2006 Sch 9 para 15(b)"),
            new("recover-from", "who it is recovered from and how", ["RecoverFrom"], "HB Regs 2006 Sch 9 para 15(d)-(e); reg 101"),
            new("appeal", "the right to ask for the decision to be looked at again or to appeal, and the one-month time limit",
                ["AppealBy"], "HB Regs 2006 Sch 9 para 14; SI 2001/1002 regs 4 and 18 (one month)"),
        ],
    };
}
