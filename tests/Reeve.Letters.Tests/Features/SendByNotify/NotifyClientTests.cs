using NodaTime;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class NotifyClientTests : IAsyncLifetime
{
    private const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    private const string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    private const string ApiKey = "reeve_test-" + ServiceId + "-" + Secret;
    private const string EmailTemplate = "f33517ff-2a88-4f6e-b855-c550268ce08a";
    private const string SmsTemplate = "0ba6b5f4-1e2a-4b0d-9a5c-2c6c7c6a1f11";

    private readonly FakeClock _clock = FakeClock.AtUtc(2025, 3, 10, 9, 0);
    private readonly NotifyApiKey _key = NotifyApiKey.Parse(ApiKey);
    private FakeNotifyServer _server = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _server = new FakeNotifyServer(_key, _clock);
        _http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private NotifyClient Client(IClock? clock = null, NotifyApiKey? key = null) => new(_http, key ?? _key, clock ?? _clock);

    [Fact]
    public void The_api_key_gives_the_service_id_and_the_secret()
    {
        _key.ServiceId.ShouldBe(ServiceId);
        _key.Secret.ShouldBe(Secret);
        _key.ToString().ShouldNotContain(Secret);
        Should.Throw<ArgumentException>(() => NotifyApiKey.Parse("too-short"));
    }

    [Fact]
    public void The_token_is_an_HS256_JWT_with_the_service_id_and_the_time_in_seconds()
    {
        var token = NotifyToken.Create(_key, Instant.FromUnixTimeSeconds(1_741_597_200));

        var parts = token.Split('.');
        parts.Length.ShouldBe(3);
        parts[0].ShouldBe("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"); // {"typ":"JWT","alg":"HS256"}
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].PadRight(parts[1].Length + ((4 - (parts[1].Length % 4)) % 4), '=')))
            .ShouldBe($$"""{"iss":"{{ServiceId}}","iat":1741597200}""");
    }

    [Fact]
    public async Task An_email_goes_through_with_its_template_personalisation_and_reference()
    {
        var templates = new NotifyTemplates(new Dictionary<string, string> { ["demand-notice.email"] = EmailTemplate });
        var letter = LetterRenderer.WithDefaults().Render(LetterType.DemandNotice, Channel.Email, DemoLetters.DemandNotice);

        var sent = await Client().SendEmailAsync("alex@example.org", templates.IdFor(LetterType.DemandNotice, Channel.Email),
            NotifyClient.Personalisation(letter), "notice-42");

        sent.Reference.ShouldBe("notice-42");
        _server.Received.TryDequeue(out var body).ShouldBeTrue();
        body.GetProperty("template_id").GetString().ShouldBe(EmailTemplate);
        body.GetProperty("personalisation").GetProperty("subject").GetString().ShouldBe("Your council tax bill for 2025/26");
        body.GetProperty("personalisation").GetProperty("body").GetString()!.ShouldContain("£1,520.08");
        (await Client().GetStatusAsync(sent.Id)).Status.ShouldBe("delivered");
    }

    [Fact]
    public async Task A_text_message_goes_through_and_its_status_can_be_read()
    {
        var letter = LetterRenderer.WithDefaults().Render(LetterType.Reminder, Channel.Sms, DemoLetters.Reminder);

        var sent = await Client().SendSmsAsync("07700900123", SmsTemplate, NotifyClient.Personalisation(letter), "notice-43");

        var status = await Client().GetStatusAsync(sent.Id);
        status.Type.ShouldBe("sms");
        status.Reference.ShouldBe("notice-43");
        _server.Received.TryDequeue(out var body).ShouldBeTrue();
        body.GetProperty("personalisation").GetProperty("body").GetString()!.ShouldStartWith("Reeve Demo District Council: council tax of £304.00");
    }

    [Fact]
    public async Task A_token_signed_with_the_wrong_secret_is_refused_as_Notify_refuses_it()
    {
        var wrong = _key with { Secret = "00000000-0000-0000-0000-000000000000" };

        var refused = await Should.ThrowAsync<NotifyException>(() =>
            Client(key: wrong).SendSmsAsync("07700900123", SmsTemplate, new Dictionary<string, string>(), "notice-44"));

        refused.StatusCode.ShouldBe(403);
        refused.Message.ShouldContain("signature");
        refused.MayRetry.ShouldBeFalse();
    }

    [Fact]
    public async Task A_token_from_a_clock_more_than_thirty_seconds_out_is_refused()
    {
        var skewed = FakeClock.AtUtc(2025, 3, 10, 9, 1);

        var refused = await Should.ThrowAsync<NotifyException>(() =>
            Client(clock: skewed).SendSmsAsync("07700900123", SmsTemplate, new Dictionary<string, string>(), "notice-45"));

        refused.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task A_bad_request_comes_back_as_Notify_s_validation_error()
    {
        var refused = await Should.ThrowAsync<NotifyException>(() =>
            Client().SendEmailAsync("not-an-address", EmailTemplate, new Dictionary<string, string>(), "notice-46"));

        refused.StatusCode.ShouldBe(400);
        refused.Message.ShouldContain("ValidationError");
    }

    [Fact]
    public void A_channel_without_a_configured_template_id_is_a_configuration_error()
    {
        Should.Throw<InvalidOperationException>(() => new NotifyTemplates(new Dictionary<string, string>()).IdFor(LetterType.Reminder, Channel.Sms))
            .Message.ShouldContain("reminder.sms");
    }
}
