using Dapper;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

/// <summary>Ledger reads and writes the tests repeat, each in its own connection as a handler would make them.</summary>
public abstract class LedgerTest(IDatabaseEngine engine) : DatabaseTest(engine)
{
    protected Task<Outcome<PostResult>> PostAsync(params NewEntry[] entries) =>
        InTransactionAsync((connection, tx) => PostEntries.PostAsync(connection, tx, entries, Now));

    protected Task<Money> BalanceAsync(Account account) =>
        ReadAsync(connection => ReadBalance.BalanceAsync(connection, account.Council, account.AccountId));

    protected Task<IReadOnlyList<PostedEntry>> EntriesAsync(Account account) =>
        ReadAsync(connection => ReadAccountLedger.EntriesAsync(connection, account.Council, account.AccountId));

    protected Task<long> CountEntriesAsync() =>
        ReadAsync(connection => connection.ExecuteScalarAsync<long>("select count(*) from ledger_entry"));

    protected Task<Account> OpenAccountAsync(AccountKind kind = AccountKind.CouncilTax) =>
        Accounts.OpenAsync(Db, Council, Now, kind);

    protected static PostResult Posted(Outcome<PostResult> outcome) =>
        outcome.ShouldBeOfType<Outcome<PostResult>.Done>().Value;
}
