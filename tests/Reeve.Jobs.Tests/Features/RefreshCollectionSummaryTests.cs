using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.Jobs.Tests.Features;

public sealed class RefreshCollectionSummaryOnSqlite() : RefreshCollectionSummaryTests(new SqliteEngine());

public sealed class RefreshCollectionSummaryOnPostgres() : RefreshCollectionSummaryTests(new PostgresEngine());

/// <summary>The scheduled job folds the ledger's new entries into the collection summary; run again it folds nothing.</summary>
public abstract class RefreshCollectionSummaryTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const string Job = "refresh-collection-summary";
    private readonly string _root = Directory.CreateTempSubdirectory("reeve-jobs-").FullName;

    private JobRunner Runner() => Runners.For(Db, Clock, _root, "web", new RefreshCollectionSummaryJob());

    [Fact]
    public async Task The_job_folds_new_entries_into_the_summary_once_and_the_figures_stay_the_ledger_sum()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [Entries.Charge(account, Money.FromPence(90_000)), Entries.Payment(account, Money.FromPence(15_000))], Now));

        var first = await Runner().RunAsync(Job, RunTrigger.Schedule, Now, "scheduler:web");
        var second = await Runner().RunAsync(Job, RunTrigger.RunNow, null, "officer");

        first.Outcome.ShouldBe(RunOutcome.Succeeded);
        first.Summary.ShouldContain("2 ledger entries added to the summary");
        second.Summary.ShouldBe("The summary was up to date.");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select entries from collection_summary where council_id = 1"))).ShouldBe(2);
        var read = await ReadAsync(c => CollectionTotals.ByDayAsync(c, Council, AccountKind.CouncilTax, new LocalDate(2025, 1, 1), new LocalDate(2026, 3, 31)));
        read.ShouldBe(await ReadAsync(c => CollectionTotals.ByDayFromLedgerAsync(c, Council, AccountKind.CouncilTax, new LocalDate(2025, 1, 1), new LocalDate(2026, 3, 31))));
    }
}
