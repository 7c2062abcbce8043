using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class NotifyDispatchOnSqlite() : NotifyDispatchTests(new SqliteEngine());

public sealed class NotifyDispatchOnPostgres() : NotifyDispatchTests(new PostgresEngine());

/// <summary>Sending real accounts' notices through the local Notify server: consent, idempotency, retries.</summary>
public abstract class NotifyDispatchTests(IDatabaseEngine engine) : DatabaseTest(engine), IAsyncLifetime
{
    private const string ApiKey = "reeve_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";
    private static readonly LocalDate IssuedOn = new(2026, 5, 12);
    private static readonly NotifyTemplates Templates = new(new Dictionary<string, string>
    {
        ["reminder.email"] = "f33517ff-2a88-4f6e-b855-c550268ce08a",
        ["reminder.sms"] = "0ba6b5f4-1e2a-4b0d-9a5c-2c6c7c6a1f11",
    });

    private readonly List<TimeSpan> _waits = [];
    private FakeNotifyServer _server = null!;
    private HttpClient _http = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        // The fake server checks the token's iat against its own clock: give it the time now, as the client's is.
        _server = new FakeNotifyServer(NotifyApiKey.Parse(ApiKey), Clock);
        _http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await DisposeAsync();
    }

    private NotifyDispatch Dispatch() => new(new NotifyClient(_http, NotifyApiKey.Parse(ApiKey), Clock), Templates, Clock,
        new NotifyDispatch.RetryPolicy(3, TimeSpan.FromSeconds(2), (wait, _) =>
        {
            _waits.Add(wait);
            return Task.CompletedTask;
        }));

    private async Task<(long AccountId, long PartyId, long RequestId)> QueuedReminderAsync()
    {
        await BilledDwellings.BillAsync(Db, Council, Clock, new BilledDwellings.Dwelling(100_000_000_103, "1 Church Walk", "WD1 9ZZ", 'C', "Cedar"));
        var account = await BilledDwellings.AccountOnAsync(Db, Council, 100_000_000_103);
        var party = await ReadAsync(c => c.ExecuteScalarAsync<long>("select party_id from account_party where account_id = @account", new { account }));
        var request = await InTransactionAsync(async (c, tx) =>
            ((Outcome<QueuedLetter>.Done)await LetterRequests.RequestAsync(c, tx, new LetterRequest(Council, account, IssuedOn, "run-1/reminder",
                new ReminderFields(2026, 1, Money.FromPence(30_400), IssuedOn.PlusDays(6), Money.FromPence(150_000), IssuedOn.PlusDays(14))), Now)).Value);
        return (account, party, request.RequestId);
    }

    private Task GiveConsentAsync(long party, Channel channel, string address) => InTransactionAsync(async (c, tx) =>
        (await ContactConsents.GiveAsync(c, tx, Council, party, channel, address, new LocalDate(2026, 1, 5), "officer", Now)).ShouldBeOfType<Outcome<RecordedConsent>.Done>());

    private Task<Outcome<NotifyMessage>> SendAsync(long requestId, Channel channel) =>
        ReadAsync(c => Dispatch().SendAsync(c, Council, requestId, channel, "officer"));

    [Fact]
    public async Task Without_consent_nothing_is_sent_or_stored()
    {
        var (_, _, request) = await QueuedReminderAsync();

        var outcome = await SendAsync(request, Channel.Email);

        outcome.ShouldBeOfType<Outcome<NotifyMessage>.Invalid>().Field.ShouldBe("consent");
        _server.Held.ShouldBeEmpty();
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_notice where channel = 'email'"))).ShouldBe(0);
    }

    [Fact]
    public async Task An_email_and_a_text_go_through_with_consent_and_their_delivery_status_is_recorded_on_the_account()
    {
        var (account, party, request) = await QueuedReminderAsync();
        await GiveConsentAsync(party, Channel.Email, "ann.cedar@example.org");
        await GiveConsentAsync(party, Channel.Sms, "07700 900123");

        var email = (await SendAsync(request, Channel.Email)).ShouldBeOfType<Outcome<NotifyMessage>.Done>().Value;

        email.NotifyId.ShouldNotBeNull();
        email.Recipient.ShouldBe("ann.cedar@example.org");
        _server.Received.TryDequeue(out var body).ShouldBeTrue();
        body.GetProperty("reference").GetString().ShouldBe(NotifyDispatch.Reference(Council, email.NoticeId));
        body.GetProperty("personalisation").GetProperty("body").GetString()!.ShouldContain("£304.00");
        (await ReadAsync(c => NotifyDispatch.RecordStatusAsync(c, email.NotifyId!, "delivered", Now))).ShouldBeTrue();
        (await ReadAsync(c => NotifyDispatch.GetAsync(c, Council, email.NoticeId)))!.Status.ShouldBe("delivered");
        var timeline = await ReadAsync(c => Reeve.Ledger.AccountEvents.ForAccountAsync(c, Council, account));
        timeline.ShouldContain(e => e.Kind == "notice-delivery" && e.Summary.Contains("delivered"));

        // A text for a second request on the same account.
        var second = await InTransactionAsync(async (c, tx) =>
            ((Outcome<QueuedLetter>.Done)await LetterRequests.RequestAsync(c, tx, new LetterRequest(Council, account, IssuedOn, "run-1/reminder-text",
                new ReminderFields(2026, 1, Money.FromPence(30_400), IssuedOn.PlusDays(6), Money.FromPence(150_000), IssuedOn.PlusDays(14))), Now)).Value);
        var text = (await SendAsync(second.RequestId, Channel.Sms)).ShouldBeOfType<Outcome<NotifyMessage>.Done>().Value;
        text.Status.ShouldBe("created");
        _server.Held.Select(h => h.Type).Order().ShouldBe(["email", "sms"]);
    }

    [Fact]
    public async Task A_request_sent_by_email_is_not_printed_on_paper_as_well()
    {
        var (_, party, request) = await QueuedReminderAsync();
        await GiveConsentAsync(party, Channel.Email, "ann.cedar@example.org");
        await SendAsync(request, Channel.Email);
        var folder = Directory.CreateTempSubdirectory("reeve-print-").FullName;

        var printed = (await RequestPrintRun.PrintAsync(Db, new RequestPrintRun.Options(Council, LetterType.Reminder, IssuedOn, folder), Clock))
            .ShouldBeOfType<Outcome<RequestPrintResult>.Done>().Value;

        Directory.Delete(folder, recursive: true);
        printed.Letters.ShouldBeEmpty();
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_notice where channel = 'letter'"))).ShouldBe(0);
    }

    [Fact]
    public async Task Sending_the_same_request_twice_sends_once()
    {
        var (_, party, request) = await QueuedReminderAsync();
        await GiveConsentAsync(party, Channel.Email, "ann.cedar@example.org");

        var first = (await SendAsync(request, Channel.Email)).ShouldBeOfType<Outcome<NotifyMessage>.Done>().Value;
        var again = (await SendAsync(request, Channel.Email)).ShouldBeOfType<Outcome<NotifyMessage>.Done>().Value;

        again.NotifyId.ShouldBe(first.NotifyId);
        _server.Held.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_lost_answer_is_retried_with_back_off_and_the_notice_is_not_sent_twice()
    {
        var (_, party, request) = await QueuedReminderAsync();
        await GiveConsentAsync(party, Channel.Email, "ann.cedar@example.org");
        // Notify is down for the first attempt; on the second it takes the message but the answer is lost.
        _server.RefuseNext = 1;
        _server.LoseAnswerOfNext = 1;

        var sent = (await SendAsync(request, Channel.Email)).ShouldBeOfType<Outcome<NotifyMessage>.Done>().Value;

        sent.NotifyId.ShouldNotBeNull();
        sent.Status.ShouldBe("created");
        sent.Attempts.ShouldBe(2);
        _waits.ShouldBe([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)]);
        _server.Held.ShouldHaveSingleItem().Reference.ShouldBe(sent.Reference);
    }

    [Fact]
    public async Task A_refusal_from_Notify_is_recorded_and_not_retried()
    {
        var (_, party, request) = await QueuedReminderAsync();
        await GiveConsentAsync(party, Channel.Email, "ann.cedar@example.org");
        await ReadAsync(c => c.ExecuteAsync("update contact_consent set address = 'not-an-address'"));

        var sent = (await SendAsync(request, Channel.Email)).ShouldBeOfType<Outcome<NotifyMessage>.Done>().Value;

        sent.Status.ShouldBe("refused");
        sent.LastError.ShouldNotBeNull().ShouldContain("ValidationError");
        _waits.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_withdrawn_consent_stops_sending()
    {
        var (_, party, request) = await QueuedReminderAsync();
        await GiveConsentAsync(party, Channel.Sms, "07700 900123");
        await InTransactionAsync((c, tx) => ContactConsents.WithdrawAsync(c, tx, Council, party, Channel.Sms, new LocalDate(2026, 5, 1)));

        (await SendAsync(request, Channel.Sms)).ShouldBeOfType<Outcome<NotifyMessage>.Invalid>().Message.ShouldContain("withdrawn");
        _server.Held.ShouldBeEmpty();
    }
}
