using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authentication;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Web.Security;

/// <summary>
/// Local officer accounts signed in with a cookie: HttpOnly, SameSite=Strict, Secure whenever the browser's request was
/// HTTPS (directly or through a known TLS proxy), sliding expiry, and honoured only while its server-side session lives. Pages
/// redirect to sign-in; the JSON API answers 401 or 403 with problem details and never redirects.
/// </summary>
public static class Authentication
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CanChangePolicy = "CanChange";
    public const string CanReadAuditPolicy = "CanReadAudit";
    public const string MayUnlockOfficersPolicy = "MayUnlockOfficers";
    public const string SystemAdministratorPolicy = "SystemAdministrator";

    public static IServiceCollection AddOfficerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "reeve.officer";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
            options.LoginPath = "/sign-in";
            options.LogoutPath = "/sign-out";
            options.AccessDeniedPath = "/error/403";
            options.ReturnUrlParameter = "returnUrl";
            options.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized, redirectPages: true);
            options.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden, redirectPages: false);
            options.Events.OnValidatePrincipal = RequireLiveSessionAsync;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(CanChangePolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.CanChange()))
            .AddPolicy(CanReadAuditPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.CanReadAudit()))
            .AddPolicy(MayUnlockOfficersPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.OfficerRole() is { } role && role.MayUnlockOfficers()))
            .AddPolicy(SystemAdministratorPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.OfficerRole() == Role.SystemAdministrator));
        return services;
    }

    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>
    /// A cookie is honoured only while the session it names is live in the database: signing out ends the session, so a
    /// copy of the cookie taken before is refused after (issue 19). One indexed read per signed-in request.
    /// </summary>
    private static async Task RequireLiveSessionAsync(CookieValidatePrincipalContext context)
    {
        var session = context.Principal?.SessionId();
        var db = context.HttpContext.RequestServices.GetRequiredService<ReeveDatabase>();
        await using var connection = await db.OpenAsync(context.HttpContext.RequestAborted);
        if (session is null || !await OfficerSessions.IsLiveAsync(connection, session))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    private static async Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status, bool redirectPages)
    {
        if (context.Request.IsApi())
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/problem+json";
            var problem = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "Sign in first" : "Your role may not do this",
                Detail = status == StatusCodes.Status401Unauthorized
                    ? "The API uses the same sign-in as the officer pages: sign in at /sign-in and send the cookie."
                    : "Auditors may read but not change; the audit trail is for team leaders, managers, auditors and administrators.",
                Type = status == StatusCodes.Status401Unauthorized
                    ? "https://www.rfc-editor.org/rfc/rfc9110#name-401-unauthorized"
                    : "https://www.rfc-editor.org/rfc/rfc9110#name-403-forbidden",
            };
            await context.Response.WriteAsync(JsonSerializer.Serialize(problem, JsonOptions.Problem));
            return;
        }

        if (redirectPages)
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }

        // A page the officer's role may not use: say so with a 403 and the friendly error page.
        context.Response.StatusCode = status;
    }
}
