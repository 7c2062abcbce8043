using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery.Domain;
using Reeve.TestKit;

namespace Reeve.Recovery.Tests.Features;

/// <summary>Approval by a Team Leader or Manager who did not prepare the run.</summary>
public abstract class ApproveRecoveryRunTests(IDatabaseEngine engine) : RecoveryRunScenario(engine)
{
    [Fact]
    public async Task The_officer_who_prepared_a_run_cannot_approve_it()
    {
        await ModelAccountAsync();
        Today("2025-05-08");
        var prepared = (await PrepareAsync(On("2025-05-08"))).ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;

        var byPreparer = await ApproveAsync(prepared.RunId!.Value, Preparer);
        var byOfficer = await ApproveAsync(prepared.RunId!.Value, "olly.officer");
        var unapproved = await ExecuteRecoveryRun.HandleAsync(Db, Council, prepared.RunId!.Value, D("2025-05-08"), Preparer, Clock);

        byPreparer.ShouldBeOfType<Outcome<RecoveryRunSummary>.Invalid>().Message.ShouldContain("another Team Leader");
        byOfficer.ShouldBeOfType<Outcome<RecoveryRunSummary>.Invalid>().Message.ShouldContain("Team Leader or Manager");
        unapproved.ShouldBeOfType<Outcome<RecoveryRunReport>.Conflict>();
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from recovery_notice"))).ShouldBe(0);
    }
}

public sealed class ApproveRecoveryRunOnSqlite() : ApproveRecoveryRunTests(new SqliteEngine());

public sealed class ApproveRecoveryRunOnPostgres() : ApproveRecoveryRunTests(new PostgresEngine());
