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
}
