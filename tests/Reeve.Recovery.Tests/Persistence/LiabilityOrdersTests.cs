using Reeve.Kernel;
using Reeve.Recovery.Domain;
using Reeve.Recovery.Tests.Features;
using Reeve.TestKit;

namespace Reeve.Recovery.Tests.Persistence;

/// <summary>The owner query Enforcement reads liability orders through: only orders, only while they are the newest outcome.</summary>
public abstract class LiabilityOrdersTests(IDatabaseEngine engine) : RecoveryRunScenario(engine)
{
    [Fact]
    public async Task A_liability_order_is_read_with_its_sum_its_costs_and_the_court()
    {
        // reg 34(6)-(7): the order is for the sum outstanding and the costs reasonably incurred (summons £70 and order £40 here).
        var other = await ModelAccountAsync();
        await PayAsync(other, "2025-04-01", "150.00");
        var account = await SummonedAsync();
        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();
        (await RecordOutcomesAsync(session.SessionId,
                new OutcomeEntry(account.Reference.ToString(), HearingOutcome.LiabilityOrder),
                new OutcomeEntry(other.Reference.ToString(), HearingOutcome.Withdrawn)))
            .ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Done>();

        var orders = await ReadAsync(c => LiabilityOrders.ForAccountsAsync(c, Council, [account.AccountId, other.AccountId]));

        var order = orders.ShouldHaveSingleItem();
        order.AccountId.ShouldBe(account.AccountId);
        order.Year.ShouldBe(Year);
        order.MadeOn.ShouldBe(D("2025-06-30"));
        order.Court.ShouldBe("Wealdmoor Magistrates' Court");
        order.Sum.ShouldBe(M("1350.00"));
        order.Costs.ShouldBe(M("110.00"));
        order.Total.ShouldBe(M("1460.00"));
        (await ReadAsync(c => LiabilityOrders.GetAsync(c, Council, order.OrderId))).ShouldBe(order);
    }

    [Fact]
    public async Task An_adjournment_is_not_an_order()
    {
        var account = await SummonedAsync();
        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();
        (await RecordOutcomesAsync(session.SessionId, new OutcomeEntry(account.Reference.ToString(), HearingOutcome.Adjourned)))
            .ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Done>();

        (await ReadAsync(c => LiabilityOrders.ForAccountsAsync(c, Council, [account.AccountId]))).ShouldBeEmpty();
    }
}

public sealed class LiabilityOrdersOnSqlite() : LiabilityOrdersTests(new SqliteEngine());

public sealed class LiabilityOrdersOnPostgres() : LiabilityOrdersTests(new PostgresEngine());
