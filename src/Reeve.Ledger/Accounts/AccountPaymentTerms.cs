namespace Reeve.Ledger;

/// <summary>How each account pays and whether it is closed, for set-based runs over many accounts.</summary>
public static class AccountPaymentTerms
{
    /// <summary>
    /// A SQL fragment (both engines) for use as a derived table: one row per account of council <c>@council</c> with
    /// <c>@lo &lt; account_id &lt;= @hi</c>, with the columns <c>account_id, payment_method, closed_on</c>
    /// (the last day of liability, null while the account is open). The Direct Debit collection run joins it to
    /// what is due, so that a million accounts are read in one statement rather than by id.
    /// </summary>
    public const string Sql =
        "select account_id, payment_method, closed_on from account where council_id = @council and account_id > @lo and account_id <= @hi";
}
