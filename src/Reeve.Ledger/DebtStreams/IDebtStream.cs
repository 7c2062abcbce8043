using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>
/// What a debt-stream module (Council Tax today; Business Rates, sundry debt, benefit overpayments, social care
/// charges later) tells the modules that work on accounts of any kind: which kind of account it owns, the law its
/// debts are recovered under, and what is due when on its accounts. A stream implements this and a composition root
/// (Web, CLI, the demo council) registers it in <see cref="DebtStreams"/>; Recovery asks the registry, never the
/// stream's module, so adding a stream is a new module and one registration line.
/// </summary>
public interface IDebtStream
{
    AccountKind Kind { get; }

    RecoveryRegime Regime { get; }

    /// <summary>
    /// A SQL query (both providers) giving the due schedule in force on <c>@asAt</c> for the stream's accounts
    /// of council <c>@council</c> with <c>@lo &lt; account_id &lt;= @hi</c>: one row per instalment, with the columns
    /// <c>account_id, financial_year, seq, due_on, amount_pence</c>. An invoice is one row, due on its due date.
    /// Recovery reads it set-based, a chunk of accounts at a time, as a derived table.
    /// </summary>
    string DueScheduleSql { get; }
}
