using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reeve.Payments.Tests.Features.TakeCardPayments;

/// <summary>
/// A local stand-in for GOV.UK Pay on a loopback port, speaking the documented v1 JSON: POST /v1/payments
/// creates a payment in status 'created' with a next_url, GET /v1/payments/{id} returns its state. It refuses
/// requests without the bearer API key, as the real service does. Tests move a payment on with <see cref="SetStatus"/>.
/// </summary>
public sealed class FakeGovUkPay : IDisposable
{
    public const string ApiKey = "api_test_reeve";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, JsonObject> _payments = new();
    private readonly CancellationTokenSource _stop = new();
    private int _next;

    public FakeGovUkPay()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public void SetStatus(string paymentId, string status, bool finished)
    {
        var state = (JsonObject)_payments[paymentId]["state"]!;
        state["status"] = status;
        state["finished"] = finished;
    }

    public JsonObject Payment(string paymentId) => _payments[paymentId];

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var (status, body) = Handle(context.Request);
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, JsonNode Body) Handle(HttpListenerRequest request)
    {
        if (request.Headers["Authorization"] != $"Bearer {ApiKey}")
        {
            return (401, new JsonObject { ["code"] = "P0920", ["description"] = "Credentials are required to access this resource" });
        }

        var path = request.Url!.AbsolutePath;
        if (request.HttpMethod == "POST" && path == "/v1/payments")
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            var sent = JsonNode.Parse(reader.ReadToEnd())!.AsObject();
            if (sent["amount"]?.GetValue<long>() is not > 0 || sent["reference"] is null || sent["description"] is null || sent["return_url"] is null)
            {
                return (422, new JsonObject { ["code"] = "P0101", ["description"] = "Missing mandatory attribute" });
            }

            var id = $"pay{Interlocked.Increment(ref _next):D6}";
            var payment = new JsonObject
            {
                ["payment_id"] = id,
                ["amount"] = sent["amount"]!.GetValue<long>(),
                ["reference"] = sent["reference"]!.GetValue<string>(),
                ["description"] = sent["description"]!.GetValue<string>(),
                ["return_url"] = sent["return_url"]!.GetValue<string>(),
                ["state"] = new JsonObject { ["status"] = "created", ["finished"] = false },
                ["_links"] = new JsonObject
                {
                    ["self"] = new JsonObject { ["href"] = $"{BaseAddress}v1/payments/{id}", ["method"] = "GET" },
                    ["next_url"] = new JsonObject { ["href"] = $"{BaseAddress}secure/{id}", ["method"] = "GET" },
                },
            };
            _payments[id] = payment;
            return (201, payment.DeepClone());
        }

        if (request.HttpMethod == "GET" && path.StartsWith("/v1/payments/", StringComparison.Ordinal)
            && _payments.TryGetValue(path["/v1/payments/".Length..], out var found))
        {
            return (200, found.DeepClone());
        }

        return (404, new JsonObject { ["code"] = "P0200", ["description"] = "Not found" });
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public static string WebhookBody(string paymentId, string status, long amount) =>
        JsonSerializer.Serialize(new
        {
            webhook_message_id = Guid.NewGuid().ToString("N"),
            created_date = "2025-04-01T09:00:00.000Z",
            resource_id = paymentId,
            api_version = 1,
            resource_type = "payment",
            event_type = status == "success" ? "card_payment_succeeded" : "card_payment_failed",
            resource = new { payment_id = paymentId, amount, reference = "x", state = new { status, finished = true } },
        });

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        _stop.Dispose();
    }
}
