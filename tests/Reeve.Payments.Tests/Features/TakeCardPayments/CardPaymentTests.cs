using System.Text;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Features.TakeCardPayments;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.TakeCardPayments;

public sealed class CardPaymentsOnSqlite() : CardPaymentTests(new SqliteEngine());

public sealed class CardPaymentsOnPostgres() : CardPaymentTests(new PostgresEngine());

public abstract class CardPaymentTests : PaymentsTest, IDisposable
{
    private const string Secret = "webhook-signing-secret";
    private readonly FakeGovUkPay _server = new();
    private readonly HttpClient _http;

    protected CardPaymentTests(IDatabaseEngine engine)
        : base(engine) => _http = GovUkPayClient.Connect(_server.BaseAddress, FakeGovUkPay.ApiKey);

    private GovUkPayClient Pay => new(_http);

    private async Task<(Account Account, TakeCardPayment.Started Started)> StartedAsync(string amount = "45.50")
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 100_000);
        var started = (await TakeCardPayment.StartAsync(Db, Pay, Council, account.Reference.Value, amount, Officer, id => $"https://reeve.example/payments/card/{id}/return", Now))
            .ShouldBeOfType<Outcome<TakeCardPayment.Started>.Done>().Value;
        return (account, started);
    }

    private async Task<IReadOnlyList<PostedEntry>> PaymentsAsync(Account account) =>
        (await EntriesAsync(account)).Where(e => e.Kind == EntryKind.Payment).ToList();

    [Fact]
    public async Task Creating_a_card_payment_sends_the_amount_in_pence_the_reference_and_the_return_url()
    {
        var (account, started) = await StartedAsync();

        started.NextUrl.ShouldBe($"{_server.BaseAddress}secure/{started.PayId}");
        var sent = _server.Payment(started.PayId);
        sent["amount"]!.GetValue<long>().ShouldBe(4_550);
        sent["reference"]!.GetValue<string>().ShouldBe(account.Reference.Value);
        sent["return_url"]!.GetValue<string>().ShouldBe($"https://reeve.example/payments/card/{started.CardPaymentId}/return");
        (await PaymentsAsync(account)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_successful_payment_is_posted_once_however_often_the_return_page_and_webhook_confirm_it()
    {
        var (account, started) = await StartedAsync();
        _server.SetStatus(started.PayId, "success", finished: true);

        var first = (await TakeCardPayment.ConfirmAsync(Db, Pay, Council, started.CardPaymentId, Now)).ShouldBeOfType<Outcome<TakeCardPayment.Confirmed>.Done>().Value;
        var again = (await TakeCardPayment.ConfirmAsync(Db, Pay, Council, started.CardPaymentId, Now)).ShouldBeOfType<Outcome<TakeCardPayment.Confirmed>.Done>().Value;
        var hook = (await TakeCardPayment.FromWebhookAsync(Db, Pay, started.PayId, Now)).ShouldBeOfType<Outcome<TakeCardPayment.Confirmed>.Done>().Value;

        (first.Posted, again.Posted, again.PostedBefore, hook.Posted).ShouldBe((true, false, true, false));
        (await PaymentsAsync(account)).ShouldHaveSingleItem().Amount.ShouldBe(Money.FromPence(4_550));
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(95_450));
    }

    [Fact]
    public async Task A_failed_or_unfinished_payment_posts_nothing_and_the_status_reconciliation_posts_it_when_it_succeeds()
    {
        var (account, started) = await StartedAsync();
        var (_, failed) = await StartedAsync("10.00");
        _server.SetStatus(failed.PayId, "failed", finished: true);
        _server.SetStatus(started.PayId, "submitted", finished: false);

        (await TakeCardPayment.ReconcileAsync(Db, Pay, Council, Now)).Count.ShouldBe(2);
        (await PaymentsAsync(account)).ShouldBeEmpty();

        _server.SetStatus(started.PayId, "success", finished: true);
        var second = await TakeCardPayment.ReconcileAsync(Db, Pay, Council, Now);

        second.ShouldHaveSingleItem().ShouldBeOfType<Outcome<TakeCardPayment.Confirmed>.Done>().Value.Posted.ShouldBeTrue();
        (await PaymentsAsync(account)).ShouldHaveSingleItem();
        (await TakeCardPayment.ReconcileAsync(Db, Pay, Council, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void A_webhook_signed_as_GOV_UK_Pay_signs_it_is_accepted_even_when_its_body_arrives_in_ISO_8859_1()
    {
        // Worked out apart from Reeve (Python hmac, SHA-256, UTF-8 body and key): what GOV.UK Pay's sender puts in Pay-Signature.
        const string Body = """{"resource_type":"payment","description":"£45.50 council tax"}""";
        const string Expected = "8c623be6ba678fe0e2f45a9c14d70f92a955a88bbcc67e6f69d59905eb9ce1c0";

        GovUkPayClient.Sign(Encoding.UTF8.GetBytes(Body), Secret).ShouldBe(Expected);
        GovUkPayClient.SignatureIsValid(Encoding.UTF8.GetBytes(Body), Expected, Secret).ShouldBeTrue();
        GovUkPayClient.SignatureIsValid(Encoding.Latin1.GetBytes(Body), Expected, Secret).ShouldBeTrue();
        GovUkPayClient.SignatureIsValid(Encoding.Latin1.GetBytes(Body.Replace("45.50", "45.51", StringComparison.Ordinal)), Expected, Secret).ShouldBeFalse();
    }

    [Fact]
    public void A_webhook_signature_is_the_hex_hmac_sha256_of_the_body_and_anything_else_is_refused()
    {
        var body = Encoding.UTF8.GetBytes(FakeGovUkPay.WebhookBody("pay000001", "success", 4_550));
        var signature = GovUkPayClient.Sign(body, Secret);

        GovUkPayClient.SignatureIsValid(body, signature, Secret).ShouldBeTrue();
        GovUkPayClient.SignatureIsValid(body, signature.ToUpperInvariant(), Secret).ShouldBeTrue();
        GovUkPayClient.SignatureIsValid(body, signature, "another-secret").ShouldBeFalse();
        GovUkPayClient.SignatureIsValid([.. body, (byte)' '], signature, Secret).ShouldBeFalse();
        GovUkPayClient.SignatureIsValid(body, null, Secret).ShouldBeFalse();
        GovUkPayClient.ReadWebhook(body)!.PaymentId.ShouldBe("pay000001");
        GovUkPayClient.ReadWebhook("not json"u8.ToArray()).ShouldBeNull();
    }

    [Fact]
    public async Task A_wrong_api_key_is_an_error_from_gov_uk_pay_and_nothing_is_posted()
    {
        var account = await OpenAccountAsync();
        using var wrong = GovUkPayClient.Connect(_server.BaseAddress, "wrong-key");

        await Should.ThrowAsync<GovUkPayException>(() =>
            TakeCardPayment.StartAsync(Db, new GovUkPayClient(wrong), Council, account.Reference.Value, "5.00", Officer, id => "https://reeve.example/r", Now));

        (await PaymentsAsync(account)).ShouldBeEmpty();
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        GC.SuppressFinalize(this);
    }
}
