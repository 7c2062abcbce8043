using Dapper;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.TestKit;

namespace Reeve.Enforcement.Tests.Features.RequestInformation;

public sealed class RequestInformationOnSqlite() : RequestInformationTests(new SqliteEngine());

public sealed class RequestInformationOnPostgres() : RequestInformationTests(new PostgresEngine());

/// <summary>CTAE Regs 1992 reg 36: after a liability order, the request for employment and income details, the reply, and the flag when none comes.</summary>
public abstract class RequestInformationTests(IDatabaseEngine engine) : EnforcementScenario(engine)
{
    [Fact]
    public async Task A_request_after_a_liability_order_asks_the_liable_person_with_14_days_to_reply_and_queues_its_letter()
    {
        // reg 36(1): the information is to be supplied within 14 days of the request.
        var (person, orders) = await OrdersAgainstOnePersonAsync();
        var order = orders.Single();

        var request = await RequestedAsync(order, "2025-07-01");

        request.PartyId.ShouldBe(person);
        request.ReplyDue.ShouldBe(D("2025-07-15"));
        request.Status.ShouldBe("awaiting-reply");
        var letter = (await ReadAsync(c => LetterRequests.NewestAsync(c, Council, order.AccountId, LetterType.InformationRequest))).ShouldNotBeNull();
        var fields = letter.Fields.ShouldBeOfType<InformationRequestFields>();
        fields.ReplyBy.ShouldBe(D("2025-07-15"));
        fields.OrderMadeOn.ShouldBe(OrderDay);
        fields.AmountOutstanding.ShouldBe(M("1460.00"));
        (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, order.AccountId))).ShouldContain(e => e.Kind == "information-request");
    }

    [Fact]
    public async Task Asking_again_on_the_same_day_asks_once()
    {
        var (_, orders) = await OrdersAgainstOnePersonAsync();
        var first = await RequestedAsync(orders.Single());
        var again = (await RequestAsync(orders.Single())).ShouldBeOfType<Outcome<Enforcement.RequestInformation.Issued>.Done>().Value;
        again.AlreadyIssued.ShouldBeTrue();
        again.Requests.ShouldHaveSingleItem().RequestId.ShouldBe(first.RequestId);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request where letter_type = 'information-request'"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_request_dated_before_the_order_is_refused_naming_the_date()
    {
        var (_, orders) = await OrdersAgainstOnePersonAsync();
        (await RequestAsync(orders.Single(), "2025-06-29")).ShouldBeOfType<Outcome<Enforcement.RequestInformation.Issued>.Invalid>().Field.ShouldBe("issuedOn");
    }

    [Fact]
    public async Task A_request_during_a_breathing_space_is_refused_and_the_refusal_is_on_the_timeline()
    {
        // SI 2020/1311 reg 7: no step to enforce a moratorium debt while the moratorium lasts.
        var (_, orders) = await OrdersAgainstOnePersonAsync();
        var order = orders.Single();
        await InTransactionAsync(async (c, tx) => await AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(order.AccountId, HoldReason.BreathingSpace, D("2025-06-30"), D("2025-08-28"), "Standard Breathing Space BS-1", "test"), Now));

        (await RequestAsync(order)).ShouldBeOfType<Outcome<Enforcement.RequestInformation.Issued>.Conflict>().Message.ShouldContain("Breathing Space");

        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from information_request"))).ShouldBe(0);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request"))).ShouldBe(
            await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request where letter_type <> 'information-request'")));
        var refusal = (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, order.AccountId))).Single(e => e.Kind == Moratoriums.RefusedKind && e.Summary.Contains("reg 36"));
        refusal.SourceRule.ShouldBe(Moratoriums.Regulation);
    }

    [Fact]
    public async Task A_request_not_answered_by_its_due_day_is_flagged_the_day_after_and_only_once()
    {
        var (_, orders) = await OrdersAgainstOnePersonAsync();
        var request = await RequestedAsync(orders.Single(), "2025-07-01");

        (await Flag("2025-07-15")).ShouldBeEmpty(); // the 14th day: still time
        var flagged = (await Flag("2025-07-16")).ShouldHaveSingleItem();
        flagged.RequestId.ShouldBe(request.RequestId);
        flagged.FlaggedOn.ShouldBe(D("2025-07-16"));
        (await Flag("2025-07-17")).ShouldBeEmpty();
        (await ReadAsync(c => InformationRequests.GetAsync(c, Council, request.RequestId)))!.Status.ShouldBe("no-reply");
        (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, request.AccountId))).Count(e => e.Kind == "information-no-reply").ShouldBe(1);
    }

    [Fact]
    public async Task An_unanswered_request_waits_on_the_work_queue_until_a_late_reply_is_recorded()
    {
        var (person, orders) = await OrdersAgainstOnePersonAsync();
        var request = await RequestedAsync(orders.Single(), "2025-07-01");
        var key = UnansweredRequestWork.Key(request.RequestId);
        (await QueuedAsync(UnansweredRequestWork.Source, key)).ShouldBeNull("nothing to do while there is still time to reply");

        await Flag("2025-07-16");

        var waiting = (await QueuedAsync(UnansweredRequestWork.Source, key)).ShouldNotBeNull();
        (waiting.State, waiting.PartyId, waiting.AccountId, waiting.Team).ShouldBe((Reeve.Work.WorkState.Open, (long?)person, (long?)request.AccountId, Reeve.Work.WorkTeams.Recovery));
        // Ten working days from Wednesday 16 July 2025.
        waiting.Deadline.ShouldBe(D("2025-07-30"));

        (await ReplyAsync(Employed(request.RequestId, "300.00"))).ShouldBeOfType<Outcome<RecordInformationReply.Recorded>.Done>();

        (await QueuedAsync(UnansweredRequestWork.Source, key))!.State.ShouldBe(Reeve.Work.WorkState.Closed);
    }

    [Fact]
    public async Task A_reply_is_recorded_against_the_person_with_employer_pay_and_benefits_and_shows_what_an_order_would_take()
    {
        var (person, orders) = await OrdersAgainstOnePersonAsync();
        var request = await RequestedAsync(orders.Single());

        var recorded = (await ReplyAsync(Employed(request.RequestId, "300.00") with { Benefits = ["universal-credit"] }))
            .ShouldBeOfType<Outcome<RecordInformationReply.Recorded>.Done>().Value;

        recorded.Deduction!.Deduction.ShouldBe(M("36.00")); // Sch 4 Table A: 12% of £300.00
        var reply = (await ReadAsync(c => InformationRequests.NewestReplyAsync(c, Council, person))).ShouldNotBeNull();
        reply.EmployerId.ShouldBe(recorded.EmployerId);
        reply.NetPay.ShouldBe(M("300.00"));
        reply.PayPeriod.ShouldBe(PayPeriod.Weekly);
        reply.Benefits.ShouldBe(["universal-credit"]);
        (await ReadAsync(c => InformationRequests.GetAsync(c, Council, request.RequestId)))!.Status.ShouldBe("replied");
        (await Flag("2025-07-16")).ShouldBeEmpty("a request with a reply is never flagged");
    }

    [Fact]
    public async Task Two_replies_naming_one_employer_in_different_hands_share_one_employer_record()
    {
        var (_, orders) = await OrdersAgainstOnePersonAsync();
        var request = await RequestedAsync(orders.Single());
        var first = (await ReplyAsync(Employed(request.RequestId, employer: "Acme Widgets Limited", postcode: "AB1 2CD")))
            .ShouldBeOfType<Outcome<RecordInformationReply.Recorded>.Done>().Value;
        var second = (await ReplyAsync(Employed(request.RequestId, employer: "ACME WIDGETS LTD.", postcode: "ab12cd")))
            .ShouldBeOfType<Outcome<RecordInformationReply.Recorded>.Done>().Value;

        second.EmployerId.ShouldBe(first.EmployerId);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from employer"))).ShouldBe(1);
    }

    [Theory]
    [InlineData("netPay")]
    [InlineData("payPeriod")]
    [InlineData("employer.name")]
    [InlineData("receivedOn")]
    [InlineData("benefits")]
    [InlineData("employment")]
    public async Task A_reply_that_does_not_hold_together_is_refused_naming_the_field_and_nothing_is_recorded(string field)
    {
        var (_, orders) = await OrdersAgainstOnePersonAsync();
        var request = await RequestedAsync(orders.Single());
        var good = Employed(request.RequestId);
        var bad = field switch
        {
            "netPay" => good with { NetPay = null },
            "payPeriod" => good with { PayPeriod = null },
            "employer.name" => good with { Employer = good.Employer! with { Name = " " } },
            "receivedOn" => good with { ReceivedOn = D("2025-06-30") },
            "benefits" => good with { Benefits = ["lottery"] },
            _ => good with { Employment = Employment.NotWorking },
        };

        (await ReplyAsync(bad)).ShouldBeOfType<Outcome<RecordInformationReply.Recorded>.Invalid>().Field.ShouldBe(field);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from information_reply"))).ShouldBe(0);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from employer"))).ShouldBe(0);
    }

    private Task<IReadOnlyList<InformationRequest>> Flag(string on) =>
        InTransactionAsync((c, tx) => FlagUnansweredRequests.HandleAsync(c, tx, Council, D(on), "nightly", Now));
}
