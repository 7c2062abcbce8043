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

    private Task<Outcome<RecoveryCosts>> SetCostsAsync(AccountKind kind, string from, long summons, long order, string basis) =>
        InTransactionAsync((c, tx) => RecoverySettings.SetCostsAsync(c, tx, Council,
            new RecoveryCosts(kind, D(from), Money.FromPence(summons), Money.FromPence(order), basis), "set.up", Now));

    [Fact]
    public async Task Costs_are_kept_as_rows_from_their_dates_and_each_day_takes_the_latest_row_on_or_before_it()
    {
        (await SetCostsAsync(AccountKind.CouncilTax, "2026-04-01", 70_00, 40_00, " 2026/27 costs study ")).ShouldBeOfType<Outcome<RecoveryCosts>.Done>();
        (await SetCostsAsync(AccountKind.CouncilTax, "2027-04-01", 75_50, 42_00, "2027/28 costs study")).ShouldBeOfType<Outcome<RecoveryCosts>.Done>();

        var rows = await ReadAsync(c => RecoverySettings.CostsHistoryAsync(c, null, Council));

        rows.Select(r => (r.Costs.EffectiveFrom, r.Costs.SummonsCosts.Pence, r.Costs.Basis, r.RecordedBy))
            .ShouldBe([(D("2027-04-01"), 75_50L, "2027/28 costs study", "set.up"), (D("2026-04-01"), 70_00L, "2026/27 costs study", "set.up")]);
        (await ReadAsync(c => RecoverySettings.CostsOnAsync(c, null, Council, AccountKind.CouncilTax, D("2027-03-31"))))!.SummonsCosts.Pence.ShouldBe(70_00);
        (await ReadAsync(c => RecoverySettings.CostsOnAsync(c, null, Council, AccountKind.CouncilTax, D("2027-04-01"))))!.SummonsCosts.Pence.ShouldBe(75_50);
        (await ReadAsync(c => RecoverySettings.CostsOnAsync(c, null, Council, AccountKind.CouncilTax, D("2026-03-31")))).ShouldBeNull();
    }

    [Theory]
    [InlineData(AccountKind.Sundry, 70_00, 40_00, "study", "kind")]
    [InlineData(AccountKind.CouncilTax, -1, 40_00, "study", "costs")]
    [InlineData(AccountKind.CouncilTax, 70_00, 40_00, " ", "basis")]
    public async Task Costs_are_refused_naming_the_field_and_nothing_is_kept(AccountKind kind, long summons, long order, string basis, string field)
    {
        (await SetCostsAsync(kind, "2026-04-01", summons, order, basis)).ShouldBeOfType<Outcome<RecoveryCosts>.Invalid>().Field.ShouldBe(field);

        (await ReadAsync(c => RecoverySettings.CostsHistoryAsync(c, null, Council))).ShouldBeEmpty();
    }
}

public sealed class RecoverySettingsOnSqlite() : RecoverySettingsTests(new SqliteEngine());

public sealed class RecoverySettingsOnPostgres() : RecoverySettingsTests(new PostgresEngine());
