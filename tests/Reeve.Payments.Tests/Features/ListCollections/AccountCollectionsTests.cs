using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Tests.Features.DirectDebit;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.ListCollections;

public sealed class AccountCollectionsOnSqlite() : AccountCollectionsTests(new SqliteEngine());

public sealed class AccountCollectionsOnPostgres() : AccountCollectionsTests(new PostgresEngine());

public abstract class AccountCollectionsTests(IDatabaseEngine engine) : DirectDebitTest(engine)
{
    [Fact]
    public async Task An_accounts_collections_are_listed_newest_first_with_the_run_that_collected_them_and_no_other_accounts()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var other = await BilledAccountAsync();
        await LodgedMandateAsync(account);
        await LodgedMandateAsync(other);
        var may = Collected(await CollectAsync(MayRun)).Run;
        var june = Collected(await CollectAsync(new LocalDate(2025, 5, 30), today: new LocalDate(2025, 5, 20))).Run;

        var lines = await ReadAsync(c => AccountCollections.ForAccountAsync(c, Council, account.AccountId));

        lines.Select(l => (l.RunId, l.Serial, l.ProcessingDate, l.DueOn, l.Code, l.Amount, l.Status, l.ReturnCode)).ShouldBe(
        [
            (june.RunId, june.Serial, new LocalDate(2025, 5, 30), new LocalDate(2025, 6, 1), "17", Money.FromPence(100_00), "collected", null),
            (may.RunId, may.Serial, MayRun, new LocalDate(2025, 5, 1), "01", Money.FromPence(100_00), "collected", null),
        ]);
        (await ReadAsync(c => AccountCollections.ForAccountAsync(c, new CouncilId(2), account.AccountId))).ShouldBeEmpty();
    }
}
