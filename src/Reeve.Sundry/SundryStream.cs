using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Sundry;

/// <summary>
/// Sundry debt as a debt stream: each invoice is an account of its own, recovered as a civil debt in the County Court
/// after the Pre-Action Protocol for Debt Claims. Its due schedule is one row, the invoice's gross less the credit notes
/// raised against it by <c>@asAt</c>, due on the invoice's due date; an invoice raised after <c>@asAt</c> is not yet due.
/// </summary>
public sealed class SundryStream : IDebtStream
{
    public AccountKind Kind => AccountKind.Sundry;

    public RecoveryRegime Regime => RecoveryRegime.CountyCourt;

    public string DueScheduleSql =>
        "select i.account_id, i.financial_year, 1 as seq, i.due_on, " +
        "i.gross_pence - coalesce((select sum(c.gross_pence) from sundry_credit_note c where c.council_id = i.council_id and c.invoice_number = i.invoice_number and c.raised_on <= @asAt), 0) as amount_pence " +
        "from sundry_invoice i where i.council_id = @council and i.account_id > @lo and i.account_id <= @hi and i.raised_on <= @asAt";

    /// <summary>
    /// The invoice is the advance notice of what is due and when; a credit note raised against it is the notice of the
    /// new amount. So an invoice is noticed on the day it was raised, or on the day of the latest credit note raised
    /// against it by <c>@asAt</c>; it is its account's only (so last) instalment.
    /// </summary>
    public string DueBetweenSql =>
        "select i.account_id, i.financial_year, 1 as seq, i.due_on, " +
        "i.gross_pence - coalesce((select cast(sum(c.gross_pence) as bigint) from sundry_credit_note c where c.council_id = i.council_id and c.invoice_number = i.invoice_number and c.raised_on <= @asAt), 0) as amount_pence, " +
        "coalesce((select max(c.raised_on) from sundry_credit_note c where c.council_id = i.council_id and c.invoice_number = i.invoice_number and c.raised_on <= @asAt), i.raised_on) as noticed_on, " +
        "1 as is_last " +
        "from sundry_invoice i where i.council_id = @council and i.account_id > @lo and i.account_id <= @hi and i.raised_on <= @asAt " +
        "and i.due_on >= @from and i.due_on <= @to";
}
