using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reeve.Payments.Tests.Features.TakeCardPayments;

/// <summary>
/// A local stand-in for GOV.UK Pay on a loopback port, speaking the documented v1 JSON: POST /v1/payments
/// creates a payment in status 'created' with a next_url, GET /v1/payments/{id} returns its state and its
/// refund_summary, POST /v1/payments/{id}/refunds refunds it (amount and refund_amount_available, which must match the
/// amount still available, docs.payments.service.gov.uk/refunding_payments) and GET .../refunds/{refundId} reads a
/// refund. It refuses requests without the bearer API key, as the real service does. Tests move a payment on with
/// <see cref="SetStatus"/> and a refund with <see cref="SetRefundStatus"/>. The error codes in its answers are its own.
/// </summary>
public sealed class FakeGovUkPay : IDisposable
{
    public const string ApiKey = "api_test_reeve";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, JsonObject> _payments = new();
    private readonly ConcurrentDictionary<string, (string PaymentId, JsonObject Refund)> _refunds = new();
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
        var payment = _payments[paymentId];
        var state = (JsonObject)payment["state"]!;
        state["status"] = status;
        state["finished"] = finished;
        var amount = payment["amount"]!.GetValue<long>();
        payment["refund_summary"] = status == "success"
            ? new JsonObject { ["status"] = "available", ["amount_available"] = amount, ["amount_submitted"] = 0L }
            : new JsonObject { ["status"] = finished ? "unavailable" : "pending", ["amount_available"] = 0L, ["amount_submitted"] = 0L };
    }

    /// <summary>Moves a refund on, as the card processor would: success, or error (which gives the amount back to refund).</summary>
    public void SetRefundStatus(string refundId, string status)
    {
        var (paymentId, refund) = _refunds[refundId];
        refund["status"] = status;
        if (status == "error")
        {
            var summary = (JsonObject)_payments[paymentId]["refund_summary"]!;
            var amount = refund["amount"]!.GetValue<long>();
            summary["amount_available"] = summary["amount_available"]!.GetValue<long>() + amount;
            summary["amount_submitted"] = summary["amount_submitted"]!.GetValue<long>() - amount;
            summary["status"] = "available";
        }
    }

    /// <summary>Every refund made, oldest first, as (payment, refund JSON).</summary>
    public IReadOnlyList<(string PaymentId, JsonObject Refund)> Refunds => _refunds.Values.OrderBy(r => r.Refund["refund_id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();

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

            // A fault in the fake answers 500 rather than leaving the client to time out.
            (int, JsonNode) answer;
            try
            {
                answer = Handle(context.Request);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or KeyNotFoundException)
            {
                answer = (500, new JsonObject { ["code"] = "FAKE-FAULT", ["description"] = e.Message });
            }

            var (status, body) = answer;
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

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["v1", "payments", var paymentId, "refunds"] && request.HttpMethod == "POST" && _payments.TryGetValue(paymentId, out var refunded))
        {
            return Refund(paymentId, refunded, request);
        }

        if (parts is ["v1", "payments", var ofPayment, "refunds", var refundId] && request.HttpMethod == "GET"
            && _refunds.TryGetValue(refundId, out var made) && made.PaymentId == ofPayment)
        {
            return (200, made.Refund.DeepClone());
        }

        if (request.HttpMethod == "GET" && parts is ["v1", "payments", var id2] && _payments.TryGetValue(id2, out var found))
        {
            return (200, found.DeepClone());
        }

        return (404, new JsonObject { ["code"] = "P0200", ["description"] = "Not found" });
    }

    private (int Status, JsonNode Body) Refund(string paymentId, JsonObject payment, HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var sent = JsonNode.Parse(reader.ReadToEnd())!.AsObject();
        var amount = sent["amount"]?.GetValue<long>() ?? 0;
        if (payment["refund_summary"] is not JsonObject summary || summary["status"]!.GetValue<string>() != "available")
        {
            return (412, new JsonObject { ["code"] = "FAKE-NOT-REFUNDABLE", ["description"] = "The payment is not available for refund" });
        }

        var available = summary["amount_available"]!.GetValue<long>();
        if (sent["refund_amount_available"] is { } claimed && claimed.GetValue<long>() != available)
        {
            return (412, new JsonObject { ["code"] = "FAKE-AVAILABLE-MISMATCH", ["description"] = "Refund amount available mismatch" });
        }

        if (amount < 1 || amount > available)
        {
            return (400, new JsonObject { ["code"] = "FAKE-AMOUNT", ["description"] = "The refund amount is not available" });
        }

        summary["amount_available"] = available - amount;
        summary["amount_submitted"] = summary["amount_submitted"]!.GetValue<long>() + amount;
        summary["status"] = available - amount == 0 ? "full" : "available";
        var refundId = $"ref{Interlocked.Increment(ref _next):D6}";
        var refund = new JsonObject
        {
            ["refund_id"] = refundId,
            ["amount"] = amount,
            ["status"] = "submitted",
            ["created_date"] = "2025-06-02T10:00:00.000Z",
        };
        _refunds[refundId] = (paymentId, refund);
        return (202, refund.DeepClone());
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
