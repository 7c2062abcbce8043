using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountReferenceCouncilsOnSqlite() : AccountReferenceCouncilsTests(new SqliteEngine());

public sealed class AccountReferenceCouncilsOnPostgres() : AccountReferenceCouncilsTests(new PostgresEngine());

public abstract class AccountReferenceCouncilsTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task Each_council_with_an_account_of_that_reference_is_named_once()
    {
        // References are numbered within a council, so two councils' first council tax accounts share one.
        var other = await Councils.SeedOtherAsync(Db, Now);
        var first = await OpenAccountAsync();
        var theirs = await Accounts.OpenAsync(Db, other, Now);
        var second = await OpenAccountAsync();
        theirs.Reference.ShouldBe(first.Reference);

        (await ReadAsync(c => AccountReferenceCouncils.HoldingAsync(c, first.Reference))).ShouldBe([Council, other]);
        (await ReadAsync(c => AccountReferenceCouncils.HoldingAsync(c, second.Reference))).ShouldBe([Council]);
    }
}
