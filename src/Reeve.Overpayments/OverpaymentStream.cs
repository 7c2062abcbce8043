using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Overpayments;

/// <summary>
/// Housing Benefit overpayments as a debt stream: each recoverable decision is an account of its own (a revision owed by the same
/// person stays on it), recovered under its own rules (Social Security Administration Act 1992 s75, HB Regs 2006 Part 13): from
/// ongoing benefit first, then by invoice, Direct Earnings Attachment, the DWP or the County Court. Its due schedule is one row,
/// the decision in force on <c>@asAt</c> (the newest not revised by then), due a month after it was made.
/// </summary>
public sealed class OverpaymentStream : IDebtStream
{
    public AccountKind Kind => AccountKind.HousingBenefitOverpayment;

    public RecoveryRegime Regime => RecoveryRegime.BenefitOverpayment;

    public string DueScheduleSql =>
        "select o.account_id, o.financial_year, 1 as seq, o.due_on, o.amount_pence from hb_overpayment o " +
        "where o.council_id = @council and o.account_id > @lo and o.account_id <= @hi and o.decided_on <= @asAt " +
        "and not exists (select 1 from hb_overpayment r where r.council_id = o.council_id and r.revises = o.decision_reference and r.decided_on <= @asAt)";
}
