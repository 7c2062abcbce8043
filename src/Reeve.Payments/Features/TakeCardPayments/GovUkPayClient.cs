using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reeve.Payments.Features.TakeCardPayments;

/// <summary>A payment as GOV.UK Pay describes it (API v1): its id, amount in pence, our reference, where it is, and where to send the payer.</summary>
public sealed record PayPayment(string PaymentId, long Amount, string Reference, string Status, bool Finished, string? NextUrl);

/// <summary>
/// A thin typed client for GOV.UK Pay's public API v1: create a card payment (POST /v1/payments) and read its
/// state (GET /v1/payments/{id}). The HttpClient it is given carries the base address and the API key as a
/// bearer token; nothing else of the API is used yet.
/// </summary>
public sealed class GovUkPayClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static HttpClient Connect(Uri baseAddress, string apiKey, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = baseAddress;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    public async Task<PayPayment> CreatePaymentAsync(long amountPence, string reference, string description, string returnUrl, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("v1/payments",
            new CreateRequest(amountPence, reference, description, returnUrl), Json, ct);
        return await ReadAsync(response, ct);
    }

    public async Task<PayPayment> GetPaymentAsync(string paymentId, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"v1/payments/{Uri.EscapeDataString(paymentId)}", ct);
        return await ReadAsync(response, ct);
    }

    /// <summary>
    /// GOV.UK Pay signs each webhook message: the Pay-Signature header is the hex HMAC-SHA256 of the raw body
    /// with the webhook's signing secret. Compared in fixed time so the check leaks nothing.
    /// </summary>
    public static bool SignatureIsValid(byte[] body, string? signature, string signingSecret)
    {
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrEmpty(signingSecret))
        {
            return false;
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), body));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant()));
    }

    public static string Sign(byte[] body, string signingSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), body));

    /// <summary>Reads a webhook message: the payment's id and its state, or null when it is not a payment event.</summary>
    public static PayPayment? ReadWebhook(byte[] body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<WebhookMessage>(body, Json);
            return message is { ResourceType: "payment", Resource: { } r } ? ToPayment(r) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<PayPayment> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new GovUkPayException($"GOV.UK Pay answered {(int)response.StatusCode}: {text}");
        }

        var body = await response.Content.ReadFromJsonAsync<PaymentBody>(Json, ct) ?? throw new GovUkPayException("GOV.UK Pay sent an empty answer");
        return ToPayment(body);
    }

    private static PayPayment ToPayment(PaymentBody b) =>
        new(b.PaymentId ?? throw new GovUkPayException("GOV.UK Pay sent a payment without an id"), b.Amount, b.Reference ?? "",
            b.State?.Status ?? "unknown", b.State?.Finished ?? false, b.Links?.NextUrl?.Href);

    private sealed record CreateRequest(long Amount, string Reference, string Description, string ReturnUrl);

    private sealed record WebhookMessage(string? ResourceType, string? EventType, PaymentBody? Resource);

    private sealed record PaymentBody(string? PaymentId, long Amount, string? Reference, PaymentState? State, [property: JsonPropertyName("_links")] PaymentLinks? Links);

    private sealed record PaymentState(string? Status, bool Finished);

    private sealed record PaymentLinks(Link? NextUrl);

    private sealed record Link(string? Href);
}

/// <summary>GOV.UK Pay could not be reached or answered with an error; nothing was posted.</summary>
public sealed class GovUkPayException(string message) : Exception(message);
