using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.Refunds;
using Reeve.Payments.Features.TakeCardPayments;
using Reeve.Payments.Tests.Domain.Modulus;
using Reeve.Payments.Tests.Features.TakeCardPayments;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class CardRefundsOnSqlite() : CardRefundTests(new SqliteEngine());

public sealed class CardRefundsOnPostgres() : CardRefundTests(new PostgresEngine());

/// <summary>Card refunds paid back through GOV.UK Pay's refund API, against the local server that speaks it.</summary>
public abstract class CardRefundTests : PaymentsTest, IDisposable
{
    private static readonly NodaTime.LocalDate Today = new(2025, 6, 2);
    private readonly FakeGovUkPay _server = new();
    private readonly HttpClient _http;

    protected CardRefundTests(IDatabaseEngine engine)
        : base(engine) => _http = GovUkPayClient.Connect(_server.BaseAddress, FakeGovUkPay.ApiKey);

    private GovUkPayClient Pay => new(_http);

    /// <summary>An account charged £100.00 and paid £160.00, £60.00 of it by a card payment of <paramref name="cardPence"/> taken through GOV.UK Pay.</summary>
    private async Task<(Account Account, string PaymentId)> PaidByCardAsync(long cardPence = 6_000)
    {
        await InTransactionAsync(async (c, tx) =>
        {
            await RefundStore.SetSettingsAsync(c, tx, Council, new RefundSettings(Money.FromPence(5_000),
                new ServiceUser("123456", SortCode.Parse("089999"), AccountNumber.Parse("66374958"), "WEALDMOOR DC")));
            return 0;
        });
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 10_000);
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx, [Entries.Payment(account, Money.FromPence(16_000))], Now));
        var payment = await Pay.CreatePaymentAsync(cardPence, account.Reference.Value, "Council tax", "https://reeve.example/return");
        _server.SetStatus(payment.PaymentId, "success", finished: true);
        return (account, payment.PaymentId);
    }

    private async Task<Refund> ApprovedCardRefundAsync(Account account, string paymentId, string amount = "40.00")
    {
        var refund = (await RequestRefund.RequestAsync(Db, ModulusCheckTests.Table,
                new RequestRefund.Request(Council, account.Reference.Value, amount, RefundMethod.Card, null, null, null, paymentId, "Paid twice by card", Officer, null),
                Today, Now))
            .ShouldBeOfType<Outcome<Refund>.Done>().Value;
        refund.Status.ShouldBe(RefundStatus.Approved);
        return refund;
    }

    private Task<IReadOnlyList<PayCardRefunds.Attempt>> PayAsync() => PayCardRefunds.PayAsync(Db, Pay, Council, Officer, Now);

    private Task<Refund?> ReloadAsync(Refund refund) => ReadAsync(c => RefundStore.GetAsync(c, null, Council, refund.RefundId));

    [Fact]
    public async Task A_card_refund_is_sent_to_GOV_UK_Pay_with_the_amount_available_and_is_paid_when_it_succeeds()
    {
        var (account, paymentId) = await PaidByCardAsync();
        var refund = await ApprovedCardRefundAsync(account, paymentId);

        var sent = (await PayAsync()).ShouldHaveSingleItem().State;

        sent.Status.ShouldBe(CardRefundState.Submitted);
        var (refundedPayment, made) = _server.Refunds.ShouldHaveSingleItem();
        (refundedPayment, made["amount"]!.GetValue<long>()).ShouldBe((paymentId, 4_000L));
        (await ReloadAsync(refund))!.Status.ShouldBe(RefundStatus.Approved);

        _server.SetRefundStatus(sent.PayRefundId!, "success");
        var done = (await PayAsync()).ShouldHaveSingleItem().State;

        done.Status.ShouldBe(CardRefundState.Success);
        (await ReloadAsync(refund))!.Status.ShouldBe(RefundStatus.Paid);
        _server.Refunds.Count.ShouldBe(1);
        (await PayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refund_for_more_than_is_left_on_the_card_payment_stays_unpaid_with_the_reason()
    {
        var (account, paymentId) = await PaidByCardAsync(cardPence: 3_000);
        var refund = await ApprovedCardRefundAsync(account, paymentId);

        var state = (await PayAsync()).ShouldHaveSingleItem().State;

        state.Status.ShouldBe(CardRefundState.Refused);
        state.Describe().ShouldContain("only £30.00 of payment");
        _server.Refunds.ShouldBeEmpty();
        (await ReloadAsync(refund))!.Status.ShouldBe(RefundStatus.Approved);
        (await ReadAsync(c => PayCardRefunds.StatesAsync(c, null, Council)))[refund.RefundId].Problem.ShouldBe(state.Problem);
    }

    [Fact]
    public async Task A_refund_the_card_processor_fails_is_shown_as_failed_then_sent_again_for_the_same_amount_only()
    {
        var (account, paymentId) = await PaidByCardAsync();
        var refund = await ApprovedCardRefundAsync(account, paymentId);
        var first = (await PayAsync()).ShouldHaveSingleItem().State;

        _server.SetRefundStatus(first.PayRefundId!, "error");
        var failed = (await PayAsync()).ShouldHaveSingleItem().State;

        failed.Status.ShouldBe(CardRefundState.Error);
        failed.Describe().ShouldStartWith("Failed: GOV.UK Pay says the refund to the card failed");
        (await ReloadAsync(refund))!.Status.ShouldBe(RefundStatus.Approved);

        var again = (await PayAsync()).ShouldHaveSingleItem().State;

        (again.Status, again.Attempts).ShouldBe((CardRefundState.Submitted, 2));
        _server.Refunds.Select(r => r.Refund["amount"]!.GetValue<long>()).ShouldBe([4_000L, 4_000L]);
        _server.Payment(paymentId)["refund_summary"]!["amount_available"]!.GetValue<long>().ShouldBe(2_000);
    }

    [Fact]
    public async Task A_payment_GOV_UK_Pay_does_not_know_leaves_the_refund_unpaid_with_its_answer()
    {
        var (account, _) = await PaidByCardAsync();
        var refund = await ApprovedCardRefundAsync(account, "no-such-payment");

        var state = (await PayAsync()).ShouldHaveSingleItem().State;

        state.Status.ShouldBe(CardRefundState.Refused);
        state.Problem.ShouldBe("GOV.UK Pay answered 404: Not found (P0200)");
        (await ReloadAsync(refund))!.Status.ShouldBe(RefundStatus.Approved);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        GC.SuppressFinalize(this);
    }
}
