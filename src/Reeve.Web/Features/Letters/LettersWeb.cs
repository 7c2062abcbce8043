using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Features.Letters;

/// <summary>
/// GOV.UK Notify settings from configuration: the API key, the base address, the template id for each letter
/// type and channel ("Notify:Templates:reminder.email"), and the bearer token Notify's delivery-status callback
/// sends (set in Notify's admin alongside the callback URL).
/// </summary>
public sealed record NotifySettings(string? ApiKey, Uri BaseAddress, IReadOnlyDictionary<string, string> TemplateIds, string? CallbackBearerToken)
{
    public static NotifySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Notify");
        return new NotifySettings(
            section["ApiKey"],
            new Uri(section["BaseAddress"] ?? "https://api.notifications.service.gov.uk/"),
            section.GetSection("Templates").GetChildren().Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!),
            section["CallbackBearerToken"]);
    }
}

/// <summary>Notify's delivery receipt, as its callback posts it.</summary>
public sealed record NotifyDeliveryReceipt(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reference")] string? Reference,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("notification_type")] string? NotificationType);

public static class LettersWeb
{
    public const string ManageTemplatesPolicy = "ManageLetterTemplates";

    public static IServiceCollection AddLetters(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = NotifySettings.From(configuration);
        services.AddSingleton(settings);
        services.AddHttpClient("notify", http => http.BaseAddress = settings.BaseAddress);
        services.AddAuthorizationBuilder().AddPolicy(ManageTemplatesPolicy, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.OfficerRole() is Role.Manager or Role.SystemAdministrator));
        return services;
    }

    /// <summary>The dispatcher for Notify, or null when no API key is configured (email and text are then off).</summary>
    public static NotifyDispatch? Dispatch(IServiceProvider services)
    {
        var settings = services.GetRequiredService<NotifySettings>();
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            return null;
        }

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("notify");
        var clock = services.GetRequiredService<IClock>();
        return new NotifyDispatch(new NotifyClient(http, NotifyApiKey.Parse(settings.ApiKey), clock), new NotifyTemplates(settings.TemplateIds), clock,
            NotifyDispatch.RetryPolicy.Default);
    }

    public static IEndpointRouteBuilder MapLetters(this IEndpointRouteBuilder endpoints)
    {
        // Notify calls this with the bearer token set in its admin; there is no officer, so it is anonymous
        // and trusts only the token, compared in constant time.
        endpoints.MapPost("/notify/delivery-status", async (HttpRequest request, NotifySettings settings, ReeveDatabase db, IClock clock, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(settings.CallbackBearerToken) || !BearerMatches(request, settings.CallbackBearerToken))
            {
                return Results.Unauthorized();
            }

            NotifyDeliveryReceipt? receipt;
            try
            {
                receipt = await JsonSerializer.DeserializeAsync<NotifyDeliveryReceipt>(request.Body, cancellationToken: ct);
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }

            if (receipt is null || string.IsNullOrEmpty(receipt.Id) || string.IsNullOrEmpty(receipt.Status))
            {
                return Results.BadRequest();
            }

            await using var connection = await db.OpenAsync(ct);
            // An unknown id is acknowledged all the same: Notify retries anything else, and it will never match.
            await NotifyDispatch.RecordStatusAsync(connection, receipt.Id, receipt.Status, clock.GetCurrentInstant());
            return Results.NoContent();
        }).AllowAnonymous().DisableAntiforgery();

        endpoints.MapGet("/accounts/{reference}/notices/{noticeId:long}/copy.pdf", async (string reference, long noticeId, HttpContext http, ReeveDatabase db,
            OfficerAudit audit, CancellationToken ct) =>
        {
            if (!AccountReference.TryParse(reference, out var parsed, out _))
            {
                return Results.NotFound();
            }

            await using var connection = await db.OpenAsync(ct);
            var council = http.User.CouncilId();
            var account = await AccountStore.FindByReferenceAsync(connection, council, parsed);
            var notice = await NoticeStore.GetAsync(connection, council, noticeId);
            if (account is null || notice is null || notice.AccountId != account.AccountId || await Reprints.ReprintAsync(connection, council, noticeId) is not { } copy)
            {
                return Results.NotFound();
            }

            await audit.RecordAsync(http, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Account, parsed.Value, $"Copy of notice {noticeId}");
            return Results.File(copy, "application/pdf", $"{parsed.Value}-notice-{noticeId}-copy.pdf");
        });

        endpoints.MapGet("/letters/print-runs/{printId:long}/{file}", async (long printId, string file, HttpContext http, ReeveDatabase db, OfficerAudit audit, CancellationToken ct) =>
        {
            await using var connection = await db.OpenAsync(ct);
            if (await PrintFiles.FileAsync(connection, http.User.CouncilId(), printId, file) is not { } found)
            {
                return Results.NotFound();
            }

            // Every download of a print file is a row of its own in the audit trail, written before the file is sent.
            await audit.RecordAsync(http, connection, null, AuditTrail.Actions.Download, "print-run", printId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Downloaded print file {(file.Length > 200 ? file[..200] : file)}");
            return Results.File(found.Content, found.MediaType, file);
        }).WithMetadata(new AuditSubjectAttribute("print-run", "printId"));

        endpoints.MapGet("/accounts/{reference}/letters/preview.pdf", async (string reference, string type, HttpContext http, ReeveDatabase db, IClock clock,
            CancellationToken ct) =>
        {
            if (!AccountReference.TryParse(reference, out var parsed, out _) || !LetterTypes.All.Any(t => t.Code() == type))
            {
                return Results.NotFound();
            }

            await using var connection = await db.OpenAsync(ct);
            var account = await AccountStore.FindByReferenceAsync(connection, http.User.CouncilId(), parsed);
            if (account is null)
            {
                return Results.NotFound();
            }

            return await OneOffLetters.PreviewAsync(connection, account.Council, account.AccountId, LetterTypes.FromCode(type), UkTime.Today(clock)) switch
            {
                Outcome<LetterPreview>.Done done => Results.File(done.Value.Letter.Pdf!, "application/pdf", $"{parsed.Value}-{type}-preview.pdf"),
                Outcome<LetterPreview>.Invalid invalid => Results.Problem(invalid.Message, statusCode: StatusCodes.Status422UnprocessableEntity),
                _ => Results.NotFound(),
            };
        });
        return endpoints;
    }

    private static bool BearerMatches(HttpRequest request, string expected)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(expected));
    }
}
