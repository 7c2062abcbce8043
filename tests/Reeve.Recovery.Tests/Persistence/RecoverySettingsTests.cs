using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery.Domain;
using Reeve.TestKit;

namespace Reeve.Recovery.Tests.Features;

/// <summary>Recovery profiles per council, kind and year.</summary>
public abstract class RecoverySettingsTests(IDatabaseEngine engine) : RecoveryRunScenario(engine)
{
    [Fact]
    public async Task A_profile_is_refused_for_a_kind_whose_debt_stream_is_not_registered()
    {
        // Only Council Tax is registered here (as in the app today): business rates have no stream yet, so nothing
        // of theirs is recovered and no timetable can be set for them.
        var refused = await InTransactionAsync(async (c, tx) =>
            await RecoverySettings.SetProfileAsync(c, tx, Council, AccountKind.BusinessRates, 2025, new RecoveryProfile(7, 14, 14), "test", Now));

        var invalid = refused.ShouldBeOfType<Outcome<ProfileSetting>.Invalid>();
        invalid.Field.ShouldBe("kind");
        invalid.Message.ShouldContain("no such debt stream is registered for Business Rates");
    }
}

public sealed class RecoverySettingsOnSqlite() : RecoverySettingsTests(new SqliteEngine());

public sealed class RecoverySettingsOnPostgres() : RecoverySettingsTests(new PostgresEngine());
