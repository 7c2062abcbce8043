using Reeve.Payments.Features.TakeCardPayments;

namespace Reeve.Web.Features.TakeCardPayments;

/// <summary>
/// GOV.UK Pay as configured: <c>Reeve:GovUkPay:BaseUrl</c> (https://publicapi.payments.service.gov.uk/ in
/// production), <c>Reeve:GovUkPay:ApiKey</c> and <c>Reeve:GovUkPay:WebhookSecret</c>. Card payments are offered
/// only when the first two are set. One HttpClient is kept for the app's life, as HttpClient is meant to be used.
/// </summary>
public sealed class GovUkPaySettings(IConfiguration configuration)
{
    private static readonly Lock Gate = new();
    private static (string Key, HttpClient Client)? shared;

    public bool Configured => BaseUrl is not null && ApiKey is not null;

    public string? WebhookSecret => configuration["Reeve:GovUkPay:WebhookSecret"] is { Length: > 0 } s ? s : null;

    private Uri? BaseUrl => Uri.TryCreate(configuration["Reeve:GovUkPay:BaseUrl"], UriKind.Absolute, out var u) ? u : null;

    private string? ApiKey => configuration["Reeve:GovUkPay:ApiKey"] is { Length: > 0 } k ? k : null;

    public GovUkPayClient Client()
    {
        var key = $"{BaseUrl}|{ApiKey}";
        lock (Gate)
        {
            if (shared is not { } s || s.Key != key)
            {
                shared = (key, GovUkPayClient.Connect(BaseUrl ?? throw new InvalidOperationException("GOV.UK Pay is not configured"), ApiKey!));
            }

            return new GovUkPayClient(shared.Value.Client);
        }
    }
}
