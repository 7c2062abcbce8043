using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Reeve.Letters.Tests;

/// <summary>
/// A local stand-in for GOV.UK Notify on 127.0.0.1: it checks the bearer token as Notify does (HS256 with the
/// service's secret, iss the service id, iat within 30 seconds of its clock) and each request body's required
/// fields, and answers with Notify-shaped JSON and errors.
/// </summary>
public sealed class FakeNotifyServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly NotifyApiKey _key;
    private readonly IClock _clock;
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, (string Type, string Reference)> _sent = new();

    public FakeNotifyServer(NotifyApiKey key, IClock clock)
    {
        _key = key;
        _clock = clock;
        BaseAddress = Reeve.TestKit.LoopbackListener.Start(_listener);
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    /// <summary>How many of the next sends to answer 503 without taking them (Notify down).</summary>
    public int RefuseNext { get; set; }

    /// <summary>How many of the next sends to take and then answer 500, as when the answer is lost after Notify has the message.</summary>
    public int LoseAnswerOfNext { get; set; }

    /// <summary>Every notification the server holds: its type and reference.</summary>
    public IReadOnlyList<(string Type, string Reference)> Held => _sent.Values.ToList();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var (status, body) = Handle(context.Request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Handle(HttpListenerRequest request)
    {
        var auth = request.Headers["Authorization"];
        if (auth is null || !auth.StartsWith("Bearer ", StringComparison.Ordinal) || TokenProblem(auth["Bearer ".Length..]) is { } problem)
        {
            return Error(403, "AuthError", auth is null ? "Unauthorized: authentication token must be provided" : $"Invalid token: {TokenProblem(auth["Bearer ".Length..]) ?? "bad scheme"}");
        }

        var path = request.Url!.AbsolutePath;
        if (request.HttpMethod == "GET" && path.StartsWith("/v2/notifications/", StringComparison.Ordinal))
        {
            var id = path["/v2/notifications/".Length..];
            return _sent.TryGetValue(id, out var sent)
                ? (200, JsonSerializer.Serialize(new { id, reference = sent.Reference, type = sent.Type, status = "delivered" }))
                : Error(404, "NoResultFound", "No result found");
        }

        if (request.HttpMethod == "GET" && path == "/v2/notifications")
        {
            var wanted = request.QueryString["reference"];
            var found = _sent.Where(s => wanted is null || s.Value.Reference == wanted)
                .Select(s => new { id = s.Key, reference = s.Value.Reference, type = s.Value.Type, status = "sending" }).ToList();
            return (200, JsonSerializer.Serialize(new { notifications = found, links = new { current = $"{BaseAddress}v2/notifications" } }));
        }

        if (request.HttpMethod == "POST" && RefuseNext > 0)
        {
            RefuseNext--;
            return Error(503, "ServiceUnavailable", "Notify is unavailable");
        }

        if (request.HttpMethod != "POST" || path is not ("/v2/notifications/email" or "/v2/notifications/sms"))
        {
            return Error(404, "NotFound", "Not found");
        }

        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var json = JsonDocument.Parse(reader.ReadToEnd()).RootElement.Clone();
        Received.Enqueue(json);
        var type = path.EndsWith("email", StringComparison.Ordinal) ? "email" : "sms";
        var recipientField = type == "email" ? "email_address" : "phone_number";
        foreach (var field in new[] { recipientField, "template_id" })
        {
            if (!json.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
            {
                return Error(400, "ValidationError", $"{field} is a required property");
            }
        }

        if (!Guid.TryParse(json.GetProperty("template_id").GetString(), out _))
        {
            return Error(400, "ValidationError", "template_id is not a valid UUID");
        }

        if (type == "email" && !json.GetProperty("email_address").GetString()!.Contains('@', StringComparison.Ordinal))
        {
            return Error(400, "ValidationError", "email_address Not a valid email address");
        }

        if (json.TryGetProperty("personalisation", out var personalisation) && personalisation.ValueKind != JsonValueKind.Object)
        {
            return Error(400, "ValidationError", "personalisation is not of type object");
        }

        var notificationId = Guid.NewGuid().ToString();
        var reference = json.TryGetProperty("reference", out var r) ? r.GetString() ?? "" : "";
        _sent[notificationId] = (type, reference);
        if (LoseAnswerOfNext > 0)
        {
            LoseAnswerOfNext--;
            return Error(500, "Exception", "Internal server error");
        }

        return (201, JsonSerializer.Serialize(new
        {
            id = notificationId,
            reference,
            content = new { subject = "subject", body = "body" },
            uri = $"{BaseAddress}v2/notifications/{notificationId}",
            template = new { id = json.GetProperty("template_id").GetString(), version = 1, uri = $"{BaseAddress}v2/template/x" },
        }));
    }

    private string? TokenProblem(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return "not a JWT";
        }

        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        if (header.RootElement.GetProperty("alg").GetString() != "HS256" || header.RootElement.GetProperty("typ").GetString() != "JWT")
        {
            return "algorithm must be HS256";
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_key.Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, FromBase64Url(parts[2])))
        {
            return "signature, api token not found";
        }

        using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
        if (claims.RootElement.GetProperty("iss").GetString() != _key.ServiceId)
        {
            return "service id not found";
        }

        var iat = claims.RootElement.GetProperty("iat").GetInt64();
        return Math.Abs(_clock.GetCurrentInstant().ToUnixTimeSeconds() - iat) > 30 ? "token has expired or is not yet valid (iat)" : null;
    }

    private static byte[] FromBase64Url(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private static (int, string) Error(int status, string error, string message) =>
        (status, JsonSerializer.Serialize(new { status_code = status, errors = new[] { new { error, message } } }));

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
