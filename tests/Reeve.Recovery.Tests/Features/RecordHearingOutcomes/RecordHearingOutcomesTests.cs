using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery.Domain;
using Reeve.TestKit;

namespace Reeve.Recovery.Tests.Features;

/// <summary>A hearing's outcomes recorded in bulk, with the costs the law allows.</summary>
public abstract class RecordHearingOutcomesTests(IDatabaseEngine engine) : RecoveryRunScenario(engine)
{
    [Fact]
    public async Task Paying_the_sum_and_costs_before_the_hearing_stops_the_application_without_liability_order_costs()
    {
        // reg 34(5): the outstanding sum and the costs incurred, paid before the hearing, must be accepted; no order, no further costs.
        var account = await SummonedAsync();
        await PayAsync(account, "2025-06-20", "1420.00");
        var other = await ModelAccountAsync();
        await PayAsync(other, "2025-04-01", "150.00");

        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();
        var results = (await RecordOutcomesAsync(session.SessionId, new OutcomeEntry(account.Reference.ToString(), HearingOutcome.LiabilityOrder)))
            .ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Done>().Value;

        results.Single().Recorded.ShouldBe(HearingOutcome.PaidBeforeHearing);
        results.Single().Costs.ShouldBe(Money.Zero);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry where idempotency_key like 'recovery:lo-costs:%'"))).ShouldBe(0);
        var refused = await RecordOutcomesAsync(session.SessionId, new OutcomeEntry(other.Reference.ToString(), HearingOutcome.LiabilityOrder));
        refused.ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Invalid>().Message.ShouldContain("not on the list");
    }

    [Fact]
    public async Task A_liability_order_adds_the_councils_liability_order_costs()
    {
        // reg 34(6)-(7): the order is for the sum and the costs reasonably incurred in obtaining it.
        var account = await SummonedAsync();
        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();

        var results = (await RecordOutcomesAsync(session.SessionId, new OutcomeEntry(account.Reference.ToString(), HearingOutcome.LiabilityOrder)))
            .ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Done>().Value;

        results.Single().Recorded.ShouldBe(HearingOutcome.LiabilityOrder);
        results.Single().Costs.ShouldBe(M("40.00"));
        var list = await ReadAsync(c => CourtSessions.ComplaintListAsync(c, Council, session.SessionId));
        list.Single().Outcome.ShouldBe("liability-order");
        ComplaintListFiles.Csv(session, list).ShouldContain($"{account.Reference},2025/26,");
    }

    [Fact]
    public async Task A_liability_order_during_a_breathing_space_adds_no_costs_and_the_refusal_is_on_the_timeline()
    {
        // SI 2020/1311 reg 7: no fees or charges may be added to a moratorium debt while the moratorium lasts.
        var account = await SummonedAsync();
        await InTransactionAsync(async (c, tx) => await AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(account.AccountId, HoldReason.BreathingSpace, D("2025-06-20"), D("2025-08-18"), "Standard Breathing Space BS-9", "test"), Now));
        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();

        var results = (await RecordOutcomesAsync(session.SessionId, new OutcomeEntry(account.Reference.ToString(), HearingOutcome.LiabilityOrder)))
            .ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Done>().Value;

        results.Single().Costs.ShouldBe(Money.Zero);
        results.Single().Why.ShouldContain("Breathing Space");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry where idempotency_key like 'recovery:lo-costs:%'"))).ShouldBe(0);
        var refusal = (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, account.AccountId))).Single(e => e.Kind == Moratoriums.RefusedKind);
        refusal.Summary.ShouldContain("Liability order costs of £40.00");
        refusal.SourceRule.ShouldBe(Moratoriums.Regulation);
    }
}

public sealed class RecordHearingOutcomesOnSqlite() : RecordHearingOutcomesTests(new SqliteEngine());

public sealed class RecordHearingOutcomesOnPostgres() : RecordHearingOutcomesTests(new PostgresEngine());
