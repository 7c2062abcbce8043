using Dapper;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.DirectDebit;

public sealed class RunInOneTransactionOnSqlite() : RunInOneTransactionTests(new SqliteEngine());

public sealed class RunInOneTransactionOnPostgres() : RunInOneTransactionTests(new PostgresEngine());

/// <summary>
/// What a page adds to a lodgement or collection run (its audit line) is written in the run's own transaction: it sees
/// the run's rows, and when it fails the run is not committed, so a run never exists without its audit line.
/// </summary>
public abstract class RunInOneTransactionTests(IDatabaseEngine engine) : DirectDebitTest(engine)
{
    [Fact]
    public async Task A_collection_run_hands_its_transaction_to_the_caller_before_committing()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        await LodgedMandateAsync(account);
        var seen = -1L;

        var result = await CollectDirectDebits.CollectAsync(Db, Council, MayRun, Today, Calendar, Officer, Now, inRun: async (c, tx, run) =>
            seen = await c.ExecuteScalarAsync<long>("select count(*) from dd_collection_run where run_id = @id", new { id = run.RunId }, tx));

        Collected(result);
        seen.ShouldBe(1);
    }

    [Fact]
    public async Task A_collection_run_whose_audit_line_fails_records_no_file_and_posts_nothing()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        await LodgedMandateAsync(account);

        await Should.ThrowAsync<InvalidOperationException>(() => CollectDirectDebits.CollectAsync(Db, Council, MayRun, Today, Calendar, Officer, Now,
            inRun: (_, _, _) => throw new InvalidOperationException("audit unavailable")));

        (await CountAsync("dd_collection_run")).ShouldBe(0);
        (await CountAsync("dd_collection")).ShouldBe(0);
        (await EntriesAsync(account)).ShouldNotContain(e => e.Kind == EntryKind.Payment);
        Collected(await CollectAsync(MayRun)).Run.Collections.ShouldBe(1);
    }

    [Fact]
    public async Task A_lodgement_whose_audit_line_fails_lodges_nothing()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        await SetUpMandateAsync(account);

        await Should.ThrowAsync<InvalidOperationException>(() => LodgeMandates.LodgeAsync(Db, Council, LodgedOn, Today, Calendar, Officer, Now,
            inRun: (_, _, _) => throw new InvalidOperationException("audit unavailable")));

        (await CountAsync("dd_lodgement")).ShouldBe(0);
        (await LodgeAsync()).ShouldBeOfType<LodgeMandates.Result.Done>().Lodgement.NewInstructions.ShouldBe(1);
    }
}
