using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reeve.Payments.Features.TakeCardPayments;

/// <summary>
/// A payment as GOV.UK Pay describes it (API v1): its id, amount in pence, our reference, where it is, where to send
/// the payer, and how much of it can still be refunded.
/// </summary>
public sealed record PayPayment(string PaymentId, long Amount, string Reference, string Status, bool Finished, string? NextUrl, PayRefundSummary? RefundSummary = null);

/// <summary>
/// A payment's refund_summary: whether it can be refunded (pending, unavailable, available, full), how much is left
/// to refund and how much has been, in pence (docs.payments.service.gov.uk/refunding_payments).
/// </summary>
public sealed record PayRefundSummary(string Status, long AmountAvailable, long AmountSubmitted);

/// <summary>A refund as GOV.UK Pay describes it: its id, amount in pence, and status: submitted, success or error.</summary>
public sealed record PayRefund(string RefundId, long Amount, string Status);

/// <summary>
/// A thin typed client for GOV.UK Pay's public API v1: create a card payment (POST /v1/payments), read its state
/// (GET /v1/payments/{id}), refund it (POST /v1/payments/{id}/refunds) and read a refund's status
/// (GET /v1/payments/{id}/refunds/{refundId}). The HttpClient it is given carries the base address and the API key
/// as a bearer token.
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
    /// Refunds part or all of a payment to the card it was made with. GOV.UK Pay's refund API takes the amount in
    /// pence and, as refund_amount_available, the amount_available the payment's refund_summary showed just before;
    /// it refuses the refund if that no longer matches, so two refunds racing for the same money cannot both go
    /// through (docs.payments.service.gov.uk/refunding_payments and api_reference/refund_payment_reference).
    /// </summary>
    public async Task<PayRefund> RefundAsync(string paymentId, long amountPence, long refundAmountAvailable, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync($"v1/payments/{Uri.EscapeDataString(paymentId)}/refunds",
            new RefundRequest(amountPence, refundAmountAvailable), Json, ct);
        return await ReadRefundAsync(response, ct);
    }

    /// <summary>A refund's status now: submitted (sent to the card processor), success, or error (it failed).</summary>
    public async Task<PayRefund> GetRefundAsync(string paymentId, string refundId, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"v1/payments/{Uri.EscapeDataString(paymentId)}/refunds/{Uri.EscapeDataString(refundId)}", ct);
        return await ReadRefundAsync(response, ct);
    }

    /// <summary>
    /// GOV.UK Pay signs each webhook message: the Pay-Signature header is the lower-case hex HMAC-SHA256 of the body,
    /// keyed with the webhook's signing secret as UTF-8. Checked against GOV.UK Pay's own sender (alphagov/pay-webhooks,
    /// WebhookMessageSender: header "Pay-Signature"; WebhookMessageSignatureGenerator: HmacSHA256 over the body's UTF-8
    /// bytes with the signing key's UTF-8 bytes, HexFormat lower case); the webhooks guide
    /// (docs.payments.service.gov.uk/webhooks) says to check it before acting on a message. So the check Reeve had
    /// was right. One thing the sender's code shows: it signs the UTF-8 body but hands the body to Apache HttpClient's
    /// StringEntity without a charset, which sends ISO-8859-1, so a body with a character such as "£" arrives in
    /// bytes other than those signed; the body read as ISO-8859-1 and signed as UTF-8 is checked too. Compared in
    /// fixed time so the check leaks nothing.
    /// </summary>
    public static bool SignatureIsValid(byte[] body, string? signature, string signingSecret)
    {
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrEmpty(signingSecret))
        {
            return false;
        }

        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, signingSecret)), given))
        {
            return true;
        }

        var asSigned = Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(body));
        return !asSigned.AsSpan().SequenceEqual(body)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(asSigned, signingSecret)), given);
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
        await ThrowUnlessSuccessAsync(response, ct);

        var body = await response.Content.ReadFromJsonAsync<PaymentBody>(Json, ct) ?? throw new GovUkPayException("GOV.UK Pay sent an empty answer");
        return ToPayment(body);
    }

    private static async Task<PayRefund> ReadRefundAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await ThrowUnlessSuccessAsync(response, ct);
        var body = await response.Content.ReadFromJsonAsync<RefundBody>(Json, ct) ?? throw new GovUkPayException("GOV.UK Pay sent an empty answer");
        return new PayRefund(body.RefundId ?? throw new GovUkPayException("GOV.UK Pay sent a refund without an id"), body.Amount, body.Status ?? "unknown");
    }

    // GOV.UK Pay's errors are JSON with a code and a description; the officer is shown the description.
    private static async Task ThrowUnlessSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        string? description = null;
        try
        {
            description = JsonSerializer.Deserialize<ErrorBody>(text, Json) is { Description: { } d } e ? (e.Code is null ? d : $"{d} ({e.Code})") : null;
        }
        catch (JsonException)
        {
        }

        throw new GovUkPayException($"GOV.UK Pay answered {(int)response.StatusCode}: {description ?? text}", (int)response.StatusCode);
    }

    private static PayPayment ToPayment(PaymentBody b) =>
        new(b.PaymentId ?? throw new GovUkPayException("GOV.UK Pay sent a payment without an id"), b.Amount, b.Reference ?? "",
            b.State?.Status ?? "unknown", b.State?.Finished ?? false, b.Links?.NextUrl?.Href,
            b.RefundSummary is { } r ? new PayRefundSummary(r.Status ?? "unknown", r.AmountAvailable, r.AmountSubmitted) : null);

    private sealed record CreateRequest(long Amount, string Reference, string Description, string ReturnUrl);

    private sealed record RefundRequest(long Amount, long RefundAmountAvailable);

    private sealed record RefundBody(string? RefundId, long Amount, string? Status);

    private sealed record ErrorBody(string? Code, string? Description);

    private sealed record RefundSummaryBody(string? Status, long AmountAvailable, long AmountSubmitted);

    private sealed record WebhookMessage(string? ResourceType, string? EventType, PaymentBody? Resource);

    private sealed record PaymentBody(
        string? PaymentId, long Amount, string? Reference, PaymentState? State, [property: JsonPropertyName("_links")] PaymentLinks? Links, RefundSummaryBody? RefundSummary);

    private sealed record PaymentState(string? Status, bool Finished);

    private sealed record PaymentLinks(Link? NextUrl);

    private sealed record Link(string? Href);
}

/// <summary>GOV.UK Pay could not be reached or answered with an error (<see cref="StatusCode"/>, when it answered); nothing was posted.</summary>
public sealed class GovUkPayException(string message, int? statusCode = null) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}
