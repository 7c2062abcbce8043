using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountInstalmentTermsOnSqlite() : AccountInstalmentTermsTests(new SqliteEngine());

public sealed class AccountInstalmentTermsOnPostgres() : AccountInstalmentTermsTests(new PostgresEngine());

public abstract class AccountInstalmentTermsTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task A_new_account_pays_on_the_first_with_no_number_asked_for_and_keeps_what_is_set_later()
    {
        // An account opens with instalments on the 1st and the scheme's usual number; the day and a request for 12
        // (CTAE Regs 1992 reg 21(1A)) are kept on the account for later bills.
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync(AccountKind.BusinessRates);

        await InTransactionAsync(async (c, tx) =>
        {
            await AccountInstalmentTerms.SetDayAsync(c, tx, Council, first.AccountId, 15);
            await AccountInstalmentTerms.SetRequestedAsync(c, tx, Council, first.AccountId, 12);
            return 0;
        });

        var terms = await ReadAsync(c => AccountInstalmentTerms.ForAsync(c, Council, [first.AccountId, second.AccountId, 999_999]));
        terms.Count.ShouldBe(2);
        terms[first.AccountId].ShouldBe(new AccountInstalmentTerms.Terms(AccountKind.CouncilTax, 15, 12));
        terms[second.AccountId].ShouldBe(new AccountInstalmentTerms.Terms(AccountKind.BusinessRates, 1, null));
        (await ReadAsync(c => AccountInstalmentTerms.OfAsync(c, new CouncilId(2), first.AccountId))).ShouldBeNull();
    }
}
