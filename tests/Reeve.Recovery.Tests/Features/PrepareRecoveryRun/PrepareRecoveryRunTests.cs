using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery.Domain;
using Reeve.TestKit;

namespace Reeve.Recovery.Tests.Features;

/// <summary>Preparing today's run, and previewing any day up to today without writing.</summary>
public abstract class PrepareRecoveryRunTests(IDatabaseEngine engine) : RecoveryRunScenario(engine)
{
    [Fact]
    public async Task A_run_dated_after_today_or_before_it_is_refused_and_a_preview_writes_nothing()
    {
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");
        Today("2025-05-08");

        var future = await PrepareAsync(On("2025-05-09") with { Today = D("2025-05-08") });
        var past = await PrepareAsync(On("2025-05-07") with { Today = D("2025-05-08") });
        var preview = (await ReadAsync(c => PreviewRecoveryRun.HandleAsync(c, null, On("2025-05-08")))).ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;

        future.ShouldBeOfType<Outcome<RecoveryRunReport>.Invalid>().Message.ShouldContain("after today");
        past.ShouldBeOfType<Outcome<RecoveryRunReport>.Invalid>().Message.ShouldContain("has passed");
        preview.ByStage["first-reminder"].ShouldBe(1);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from recovery_notice"))).ShouldBe(0);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from recovery_run"))).ShouldBe(0);
    }
}

public sealed class PrepareRecoveryRunOnSqlite() : PrepareRecoveryRunTests(new SqliteEngine());

public sealed class PrepareRecoveryRunOnPostgres() : PrepareRecoveryRunTests(new PostgresEngine());
