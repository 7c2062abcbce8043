using NodaTime;
using Reeve.Kernel;

namespace Reeve.Letters;

/// <summary>
/// Builds each letter type's typed model from the account's facts and the request's fields, and checks the
/// fields against the rules that say what a notice may demand and when. Pure: no database, no clock.
/// </summary>
public static class LetterModelBuilder
{
    /// <summary>The model for every letter type but the demand notice, which is built from the bill (see <see cref="DemandNotices"/>).</summary>
    public static ILetterModel Build(AccountLetterFacts facts, LetterFields fields, LocalDate issuedOn) => fields switch
    {
        ReminderFields r => new ReminderModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, Year(r.YearStarting), r.ReminderNumber,
            r.SumDue, r.PayBy, r.BalanceForYear, r.BalanceDueIfNotPaid),
        FinalNoticeFields f => new FinalNoticeModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, Year(f.YearStarting), f.AmountDue, f.PayBy),
        SummonsFields s => new SummonsModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, Year(s.YearStarting), s.AmountOutstanding, s.Costs,
            s.Court, s.Hearing),
        DirectDebitAdvanceNoticeFields d => new DirectDebitAdvanceNoticeModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, Year(d.YearStarting),
            d.ServiceUserNumber, d.BankAccountEnding, d.Collections),
        RefundFields r => new RefundModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, r.Amount, r.Reason, r.PaidBy),
        ArrangementFields a => new ArrangementModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, a.AmountCovered, a.Instalments),
        DirectDebitCancelledFields c => new DirectDebitCancelledModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, c.MandateReference,
            c.WhatHappened, c.AmountOwed, c.PayBy, c.Instalments),
        DirectDebitUnpaidFields u => new DirectDebitUnpaidModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, u.MandateReference,
            u.AmountReturned, u.Reason, u.ReturnedOn, u.AmountOwed, u.PayBy),
        DirectDebitRePresentationFields r => new DirectDebitRePresentationModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, r.MandateReference,
            r.Amount, r.Reason, r.ReturnedOn, r.RePresentOn, r.BankAccountEnding),
        InformationRequestFields i => new InformationRequestModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, Year(i.YearStarting),
            i.OrderMadeOn, i.Court, i.AmountOutstanding, i.ReplyBy),
        OverpaymentDecisionFields o => new OverpaymentDecisionModel(facts.Council, facts.Recipient, facts.Reference, issuedOn, o.ClaimReference,
            o.PeriodFrom, o.PeriodTo, o.Amount, o.Cause, o.RecoverFrom, o.DecidedOn, o.AppealBy, o.Revises),
        DemandNoticeFields => throw new ArgumentException("A demand notice is built from the bill, by the account's stream (BillNotices)", nameof(fields)),
        _ => throw new ArgumentOutOfRangeException(nameof(fields), fields.GetType().Name, "Not a letter type"),
    };

    /// <summary>The first field that breaks a rule, as (field, message), or null when the request may be queued.</summary>
    public static (string Field, string Message)? Check(LetterFields fields, LocalDate on, WorkingDays calendar) => fields switch
    {
        ReminderFields r when r.ReminderNumber is not (1 or 2) =>
            ("ReminderNumber", "a reminder is the first or the second in a year (CTAE Regs 1992 reg 23(4) stops a third)"),
        ReminderFields r when !r.SumDue.IsPositive => ("SumDue", "the sum due on a reminder must be more than £0.00"),
        // Reg 23(3): the person has 7 days beginning with the day of issue, so the pay-by date is at least issue + 6.
        ReminderFields r when r.PayBy < on.PlusDays(6) =>
            ("PayBy", $"a reminder issued on {on} must give until {on.PlusDays(6)} to pay (7 days beginning with the day of issue, CTAE Regs 1992 reg 23(3))"),
        ReminderFields r when r.BalanceDueIfNotPaid < r.PayBy.PlusDays(8) =>
            ("BalanceDueIfNotPaid", $"the balance falls due at the end of a further 7 days after the failure, so no earlier than {r.PayBy.PlusDays(8)} (CTAE Regs 1992 reg 23(3))"),
        ReminderFields r when r.BalanceForYear < r.SumDue => ("BalanceForYear", "the balance for the year cannot be less than the sum due now"),
        FinalNoticeFields f when !f.AmountDue.IsPositive => ("AmountDue", "the sum on a final notice must be more than £0.00"),
        // Reg 34(1): no summons until 7 days beginning with the day the final notice was issued, so pay-by is at least issue + 6.
        FinalNoticeFields f when f.PayBy < on.PlusDays(6) =>
            ("PayBy", $"a final notice issued on {on} must give 7 days beginning with the day of issue to pay, until {on.PlusDays(6)} (CTAE Regs 1992 reg 34(1))"),
        SummonsFields s when !s.AmountOutstanding.IsPositive => ("AmountOutstanding", "the sum on a summons must be more than £0.00"),
        SummonsFields s when s.Costs.IsNegative => ("Costs", "costs cannot be negative"),
        SummonsFields s when string.IsNullOrWhiteSpace(s.Court) => ("Court", "a summons must name the court"),
        // SI 1998/295 reg 3: at least 14 days between service of the summons and the hearing.
        SummonsFields s when s.Hearing.Date < on.PlusDays(14) =>
            ("Hearing", $"the hearing must be at least 14 days after the summons is issued on {on}, so on or after {on.PlusDays(14)} (SI 1998/295 reg 3)"),
        DirectDebitAdvanceNoticeFields d when d.Collections.Count == 0 => ("Collections", "an advance notice lists at least one collection"),
        // The Direct Debit scheme's default advance notice: 10 working days before the first collection (formats.md 3).
        DirectDebitAdvanceNoticeFields d when d.Collections.Min(c => c.DueOn) < calendar.AddWorkingDays(on, 10) =>
            ("Collections", $"the first collection must be at least 10 working days after the notice, on or after {calendar.AddWorkingDays(on, 10)} (Direct Debit Guarantee)"),
        DirectDebitAdvanceNoticeFields d when d.Collections.Any(c => !c.Amount.IsPositive) => ("Collections", "every collection must be more than £0.00"),
        RefundFields r when !r.Amount.IsPositive => ("Amount", "a refund must be more than £0.00"),
        ArrangementFields a when a.Instalments.Count == 0 => ("Instalments", "an arrangement has at least one payment"),
        ArrangementFields a when Money.Sum(a.Instalments.Select(i => i.Amount)) != a.AmountCovered =>
            ("Instalments", $"the payments add up to {Money.Sum(a.Instalments.Select(i => i.Amount)).ToDisplayString()}, not the {a.AmountCovered.ToDisplayString()} the arrangement covers"),
        DirectDebitCancelledFields c when string.IsNullOrWhiteSpace(c.WhatHappened) => ("WhatHappened", "say why the Direct Debit ended"),
        DirectDebitCancelledFields c when c.AmountOwed.IsNegative => ("AmountOwed", "the amount owed cannot be negative"),
        DirectDebitCancelledFields c when c.Instalments.Any(i => !i.Amount.IsPositive) => ("Instalments", "every instalment must be more than £0.00"),
        DirectDebitCancelledFields c when c.Instalments.Count > 0 && c.PayBy != c.Instalments.Min(i => i.DueOn) =>
            ("PayBy", "the next payment is due on the first instalment's date"),
        DirectDebitCancelledFields c when c.PayBy < on => ("PayBy", $"the next payment cannot be due before the letter is issued on {on}"),
        DirectDebitUnpaidFields u when !u.AmountReturned.IsPositive => ("AmountReturned", "the unpaid Direct Debit must be more than £0.00"),
        DirectDebitUnpaidFields u when string.IsNullOrWhiteSpace(u.Reason) => ("Reason", "give the bank's reason for returning the Direct Debit"),
        // The payer is given the same 7 days, beginning with the day of issue, that a reminder gives (CTAE Regs 1992 reg 23(1)),
        // so recovery's reminder never asks for the same money sooner than this letter did.
        DirectDebitUnpaidFields u when u.PayBy < on.PlusDays(6) =>
            ("PayBy", $"a letter issued on {on} must give until {on.PlusDays(6)} to pay the missed Direct Debit (7 days beginning with the day of issue)"),
        DirectDebitRePresentationFields r when !r.Amount.IsPositive => ("Amount", "the Direct Debit to collect again must be more than £0.00"),
        DirectDebitRePresentationFields r when string.IsNullOrWhiteSpace(r.Reason) => ("Reason", "give the bank's reason for returning the Direct Debit"),
        // The payer must hear before the money is taken again: the letter is issued before the re-presentation day.
        DirectDebitRePresentationFields r when r.RePresentOn <= on => ("RePresentOn", $"the Direct Debit must be collected again after the letter is issued on {on}"),
        // Reg 36(1): a request may follow only a liability order, and the person has 14 days to reply.
        InformationRequestFields i when i.OrderMadeOn > on => ("OrderMadeOn", $"a request for information follows a liability order, so the order cannot be after {on} (CTAE Regs 1992 reg 36(1))"),
        InformationRequestFields i when i.ReplyBy < on.PlusDays(14) =>
            ("ReplyBy", $"a request issued on {on} must give 14 days to reply, until {on.PlusDays(14)} (CTAE Regs 1992 reg 36(1))"),
        // The person has one month from the notice to ask for a revision or to appeal (SI 2001/1002 regs 4 and 18).
        OverpaymentDecisionFields o when o.AppealBy < on.PlusMonths(1) =>
            ("AppealBy", $"a decision notified on {on} must give one month to ask for a revision or appeal, until {on.PlusMonths(1)} (SI 2001/1002 regs 4 and 18)"),
        OverpaymentDecisionFields o when o.PeriodTo < o.PeriodFrom => ("PeriodTo", "the overpaid period cannot end before it starts"),
        _ => null,
    };

    private static string Year(int startYear) => new FinancialYear(startYear).ToString();
}
