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

    /// <summary>
    /// A SQL query (both providers) giving the instalments due from <c>@from</c> to <c>@to</c> (inclusive) in the
    /// schedule in force on <c>@asAt</c>, for the stream's accounts of council <c>@council</c> with
    /// <c>@lo &lt; account_id &lt;= @hi</c>, with what a Direct Debit collection needs to know of each: the columns of
    /// <see cref="DueScheduleSql"/>, then <c>noticed_on</c> (the day the payer was sent the schedule, which is the
    /// advance notice of each amount and date; null when the stream cannot say) and <c>is_last</c> (1 for the last
    /// instalment of the account's schedule for that year, else 0). The default reads <see cref="DueScheduleSql"/> and
    /// knows no notice day; a stream that sends its schedule to the payer overrides it with a query that can use its
    /// indexes on the due day.
    /// </summary>
    string DueBetweenSql =>
        "select d.account_id, d.financial_year, d.seq, d.due_on, d.amount_pence, cast(null as date) as noticed_on, " +
        "case when d.seq = d.last_seq then 1 else 0 end as is_last from (" +
        "select s.account_id, s.financial_year, s.seq, s.due_on, s.amount_pence, max(s.seq) over (partition by s.account_id, s.financial_year) as last_seq " +
        "from (" + DueScheduleSql + ") s) d where d.due_on >= @from and d.due_on <= @to";
}
