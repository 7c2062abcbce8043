using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Reeve.Letters;

/// <summary>Notify's template ids for each letter type and channel, from configuration ("demand-notice.email": id).</summary>
public sealed class NotifyTemplates(IReadOnlyDictionary<string, string> ids)
{
    public string IdFor(LetterType type, Channel channel) =>
        ids.TryGetValue($"{type.Code()}.{channel.Code()}", out var id)
            ? id
            : throw new InvalidOperationException($"No Notify template id is configured for {type.Code()}.{channel.Code()}");
}

public sealed record NotifySent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reference")] string? Reference,
    [property: JsonPropertyName("uri")] string? Uri);

public sealed record NotifyStatus(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reference")] string? Reference,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status);

public sealed record NotifyList([property: JsonPropertyName("notifications")] IReadOnlyList<NotifyStatus> Notifications);

/// <summary>Notify refused a request: its HTTP status and the errors it gave.</summary>
public sealed class NotifyException(int statusCode, string body)
    : Exception($"GOV.UK Notify answered {statusCode}: {body}")
{
    public int StatusCode { get; } = statusCode;

    /// <summary>A 429 (rate limit) or a 5xx may succeed later; anything else will not.</summary>
    public bool MayRetry => StatusCode is 429 or >= 500;
}

/// <summary>
/// A thin typed client for GOV.UK Notify's v2 API (formats.md 7.1): send an email, send a text message, read a
/// notification's status. Each request carries a fresh token. <c>reference</c> is Reeve's notice id, never
/// personal data, so a retry can be matched to what was sent.
/// </summary>
public sealed class NotifyClient(HttpClient http, NotifyApiKey key, IClock clock)
{
    public Task<NotifySent> SendEmailAsync(string emailAddress, string templateId, IReadOnlyDictionary<string, string> personalisation, string reference, CancellationToken ct = default) =>
        PostAsync("v2/notifications/email", new Dictionary<string, object>
        {
            ["email_address"] = emailAddress,
            ["template_id"] = templateId,
            ["personalisation"] = personalisation,
            ["reference"] = reference,
        }, ct);

    public Task<NotifySent> SendSmsAsync(string phoneNumber, string templateId, IReadOnlyDictionary<string, string> personalisation, string reference, CancellationToken ct = default) =>
        PostAsync("v2/notifications/sms", new Dictionary<string, object>
        {
            ["phone_number"] = phoneNumber,
            ["template_id"] = templateId,
            ["personalisation"] = personalisation,
            ["reference"] = reference,
        }, ct);

    public async Task<NotifyStatus> GetStatusAsync(string notificationId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/notifications/{Uri.EscapeDataString(notificationId)}");
        return await SendAsync<NotifyStatus>(request, ct);
    }

    /// <summary>
    /// The notification Notify holds with this reference, or null: how a retry after an unclear answer (a
    /// timeout, a 5xx after the request went in) learns whether the first attempt was received.
    /// </summary>
    public async Task<NotifyStatus?> FindByReferenceAsync(string reference, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/notifications?reference={Uri.EscapeDataString(reference)}");
        var list = await SendAsync<NotifyList>(request, ct);
        return list.Notifications.FirstOrDefault(n => n.Reference == reference);
    }

    /// <summary>The personalisation Reeve's Notify templates take: ((subject)) and ((body)), filled from Reeve's own template.</summary>
    public static IReadOnlyDictionary<string, string> Personalisation(RenderedLetter letter) => letter.Channel switch
    {
        Channel.Email => new Dictionary<string, string> { ["subject"] = letter.Document.Title, ["body"] = letter.Document.ToNotifyMarkdown() },
        Channel.Sms => new Dictionary<string, string> { ["body"] = letter.Document.ToPlainText() },
        Channel.Letter => throw new ArgumentException("Paper notices are printed, not sent through Notify", nameof(letter)),
    };

    private async Task<NotifySent> PostAsync(string path, Dictionary<string, object> body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        return await SendAsync<NotifySent>(request, ct);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new("Bearer", NotifyToken.Create(key, clock.GetCurrentInstant()));
        request.Headers.UserAgent.ParseAdd("reeve-notify-client/1");
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new NotifyException((int)response.StatusCode, text);
        }

        return JsonSerializer.Deserialize<T>(text) ?? throw new NotifyException((int)response.StatusCode, "an empty body");
    }
}
