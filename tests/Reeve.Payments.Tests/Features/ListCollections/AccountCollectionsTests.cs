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

    [Fact]
    public async Task Collections_paid_and_returned_agree_with_the_accounts_ledger()
    {
        // The Direct Debit page sets each collection against the ledger: a paid one is a standing payment, a returned one reversed.
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);
        Collected(await CollectAsync(MayRun));
        Collected(await CollectAsync(new LocalDate(2025, 5, 30), today: new LocalDate(2025, 5, 20)));
        (await ImportAruddReport.ImportAsync(Db, Council, "arudd.xml",
            Arudd(Item(mandate.Reference, "1012", "INSTRUCTION CANCELLED", MayRun, "100.00"), "100.00", new LocalDate(2025, 5, 2)), Officer, Now))
            .ShouldBeOfType<ImportAruddReport.Result.Imported>();

        var check = await ReadAsync(async c => Reeve.Payments.Domain.DirectDebit.CollectionsAgainstLedger.Compare(
            await AccountCollections.ForAccountAsync(c, Council, account.AccountId), await Reeve.Ledger.ReadAccountLedger.EntriesAsync(c, Council, account.AccountId)));

        check.Agrees.ShouldBeTrue();
        check.Lines.Count.ShouldBe(2);
        (check.Collected, check.Returned, check.Kept, check.LedgerNet).ShouldBe(
            (Money.FromPence(200_00), Money.FromPence(100_00), Money.FromPence(100_00), Money.FromPence(100_00)));
    }
}
