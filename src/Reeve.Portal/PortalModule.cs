using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Portal.Features.SendCode;
using Reeve.Portal.Security;

namespace Reeve.Portal;

/// <summary>
/// The residents' portal, hosted by the web app: its pages (the "Portal" area, all under /portal), its own sign-in
/// scheme and cookie, and the code sender. The host adds it with <see cref="AddPortal"/> and nothing more: the pages are
/// found in this assembly. Every page about an account derives from <c>ResidentAccountPage</c>, which demands the
/// resident policy; the sign-in steps say [AllowAnonymous]; a page that says neither falls to the officers' fallback
/// policy, which no resident meets, so a forgotten attribute fails closed.
/// </summary>
public static class PortalModule
{
    public const string Area = "Portal";

    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddResidentAuthentication();
        services.AddSingleton<PendingCodes>();
        services.AddSingleton(new PortalCouncil(int.TryParse(configuration["Portal:Council"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new CouncilId(id) : null));
        var notify = configuration.GetSection("Notify");
        var template = notify["Templates:" + NotifyCodeSender.TemplateKey];
        if (!string.IsNullOrEmpty(notify["ApiKey"]) && !string.IsNullOrEmpty(template))
        {
            services.AddHttpClient(NotifyCodeSender.HttpClientName, http =>
                http.BaseAddress = new Uri(notify["BaseAddress"] ?? "https://api.notifications.service.gov.uk/"));
            services.AddSingleton<IResidentCodeSender>(s => new NotifyCodeSender(
                new NotifyClient(
                    s.GetRequiredService<IHttpClientFactory>().CreateClient(NotifyCodeSender.HttpClientName),
                    NotifyApiKey.Parse(notify["ApiKey"]!),
                    s.GetRequiredService<IClock>()),
                template));
        }

        return services;
    }
}

/// <summary>
/// The council whose residents this portal serves: "Portal:Council" (its id) when set, otherwise the installation's
/// first council. Account references are unique within a council, so the portal looks them up in this one.
/// </summary>
public sealed class PortalCouncil(CouncilId? configured)
{
    private CouncilId? _resolved = configured;

    public async Task<CouncilId> IdAsync(ReeveDatabase db, CancellationToken ct)
    {
        if (_resolved is { } known)
        {
            return known;
        }

        await using var connection = await db.OpenAsync(ct);
        var first = (await CouncilStore.AllAsync(connection)).OrderBy(c => c.Id.Value).FirstOrDefault()
            ?? throw new InvalidOperationException("The portal needs a council: this installation has none yet");
        _resolved = first.Id;
        return first.Id;
    }
}

/// <summary>
/// Sends the code through GOV.UK Notify with the portal's own email template ("Notify:Templates:portal-code.email"),
/// which takes ((subject)) and ((body)) like Reeve's other Notify templates.
/// </summary>
public sealed class NotifyCodeSender(NotifyClient client, string templateId) : IResidentCodeSender
{
    public const string TemplateKey = "portal-code.email";
    public const string HttpClientName = "portal-notify";

    public Task SendAsync(string email, string code, string reference, CancellationToken ct) =>
        client.SendEmailAsync(email, templateId, new Dictionary<string, string>
        {
            ["subject"] = $"{code} is your council tax sign-in code",
            ["body"] = $"Your code is {code}\n\nIt expires in {(long)Domain.SignInLimits.CodeLifetime.TotalMinutes} minutes and works once.\n\n" +
                "If you did not ask for this code, you can ignore this email: nobody can sign in without it.",
        }, reference, ct);
}
