using Dapper;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.Enforcement.Tests.Features.MakeAttachmentOrder;

public sealed class MakeAttachmentOrderOnSqlite() : MakeAttachmentOrderTests(new SqliteEngine());

public sealed class MakeAttachmentOrderOnPostgres() : MakeAttachmentOrderTests(new PostgresEngine());

/// <summary>CTAE Regs 1992 regs 37-39 and 42: attachment of earnings orders, at most two at once for one debtor, ended when paid.</summary>
public abstract class MakeAttachmentOrderTests(IDatabaseEngine engine) : EnforcementScenario(engine)
{
    [Fact]
    public async Task An_order_takes_the_schedule_4_deduction_from_the_replys_pay_for_what_the_liability_order_leaves()
    {
        // reg 37(1): the order is for the sum outstanding under the liability order; reg 38(1), Sch 4 Table A: 12% of £300.00 a week.
        var (person, orders) = await OrdersAgainstOnePersonAsync();
        var lo = orders.Single();
        await RepliedAsync(lo, "300.00");

        var made = (await MakeOrderAsync(lo, person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Done>().Value;

        made.Order.OrderSum.ShouldBe(M("1460.00")); // £1,350.00 and £110.00 costs
        made.Order.Deduction.ShouldBe(M("36.00"));
        made.Order.PayPeriod.ShouldBe(PayPeriod.Weekly);
        made.Order.PayrollNumber.ShouldBe("W1234");
        made.Priority.ShouldBe(1);
        made.Employer.Name.ShouldBe("Acme Widgets Limited");
        made.Explanation[0].Amount.ShouldBe(M("1460.00"));
        made.Explanation.ShouldContain(s => s.Source.Contains("Sch 4 Table A"));
        (await ReadAsync(c => AttachmentOrders.AtEmployerAsync(c, Council, made.Employer.EmployerId))).ShouldHaveSingleItem().OrderId.ShouldBe(made.Order.OrderId);
    }

    [Fact]
    public async Task A_third_order_against_one_debtor_is_refused_naming_reg_37_4_and_the_two_run_in_the_order_made()
    {
        var (person, orders) = await OrdersAgainstOnePersonAsync(3);
        await RepliedAsync(orders[0]);

        var first = (await MakeOrderAsync(orders[0], person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Done>().Value;
        var second = (await MakeOrderAsync(orders[1], person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Done>().Value;
        var third = (await MakeOrderAsync(orders[2], person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Conflict>();

        first.Priority.ShouldBe(1);
        second.Priority.ShouldBe(2);
        third.Message.ShouldContain("reg 37(4)");
        third.Message.ShouldContain("SI 1998/295");
        (await ReadAsync(c => AttachmentOrders.ForPartyAsync(c, Council, person))).Select(o => o.OrderId).ShouldBe([first.Order.OrderId, second.Order.OrderId]);
        first.Employer.EmployerId.ShouldBe(second.Employer.EmployerId, "both orders are at one employer, one record");
    }

    [Fact]
    public async Task An_order_is_ended_when_its_liability_order_is_paid_and_that_frees_a_place_for_another()
    {
        var (person, orders) = await OrdersAgainstOnePersonAsync(3);
        await RepliedAsync(orders[0]);
        var first = (await MakeOrderAsync(orders[0], person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Done>().Value;
        (await MakeOrderAsync(orders[1], person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Done>();

        (await EndPaidAsync("2025-08-01")).ShouldBeEmpty();
        await InTransactionAsync(async (c, tx) => await PostEntries.PostAsync(c, tx,
            [Entries.Payment((await AccountStore.GetAsync(c, Council, orders[0].AccountId, tx))!, M("1460.00")) with { EffectiveDate = D("2025-08-01") }], Now));
        var ended = (await EndPaidAsync("2025-08-02")).ShouldHaveSingleItem();

        ended.OrderId.ShouldBe(first.Order.OrderId);
        ended.Status.ShouldBe("paid");
        (await EndPaidAsync("2025-08-03")).ShouldBeEmpty();
        (await MakeOrderAsync(orders[2], person, "2025-08-04")).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Done>().Value.Priority.ShouldBe(2);
    }

    [Fact]
    public async Task An_order_during_a_breathing_space_is_refused_and_the_refusal_is_on_the_timeline()
    {
        // SI 2020/1311 reg 7: no enforcement of a moratorium debt, an attachment of earnings order included.
        var (person, orders) = await OrdersAgainstOnePersonAsync();
        var lo = orders.Single();
        await RepliedAsync(lo);
        await InTransactionAsync(async (c, tx) => await AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(lo.AccountId, HoldReason.BreathingSpace, D("2025-07-10"), D("2025-09-07"), "Standard Breathing Space BS-2", "test"), Now));

        (await MakeOrderAsync(lo, person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Conflict>().Message.ShouldContain("Breathing Space");

        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from attachment_order"))).ShouldBe(0);
        (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, lo.AccountId)))
            .ShouldContain(e => e.Kind == Moratoriums.RefusedKind && e.Summary.Contains("Attachment of earnings order"));
    }

    [Fact]
    public async Task An_order_under_a_vulnerability_hold_is_refused()
    {
        var (person, orders) = await OrdersAgainstOnePersonAsync();
        var lo = orders.Single();
        await RepliedAsync(lo);
        await InTransactionAsync(async (c, tx) => await AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(lo.AccountId, HoldReason.Vulnerable, D("2025-07-10"), null, "Bereavement; agreed with the person", "test"), Now));

        (await MakeOrderAsync(lo, person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Conflict>().Message.ShouldContain("vulnerability hold");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from attachment_order"))).ShouldBe(0);
    }

    [Fact]
    public async Task No_order_without_a_reply_naming_an_employer_and_none_twice_on_one_liability_order()
    {
        var (person, orders) = await OrdersAgainstOnePersonAsync();
        var lo = orders.Single();
        (await MakeOrderAsync(lo, person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Invalid>().Field.ShouldBe("reply");

        await RepliedAsync(lo);
        (await MakeOrderAsync(lo, person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Done>();
        (await MakeOrderAsync(lo, person, "2025-07-21")).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Conflict>().Message.ShouldContain("already in force");
    }

    [Fact]
    public async Task An_order_against_someone_not_liable_under_the_liability_order_is_refused_naming_the_party()
    {
        var (_, orders) = await OrdersAgainstOnePersonAsync();
        var stranger = await PersonAsync("John", "Doe");
        (await MakeOrderAsync(orders.Single(), stranger)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Invalid>().Field.ShouldBe("party");
    }

    private Task<IReadOnlyList<AttachmentOrder>> EndPaidAsync(string on) =>
        InTransactionAsync((c, tx) => EndPaidAttachmentOrders.HandleAsync(c, tx, Council, D(on), "nightly", Now));
}
