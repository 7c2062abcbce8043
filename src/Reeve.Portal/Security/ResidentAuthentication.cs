using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Reeve.Kernel;
using Reeve.Portal.Features.LinkedAccounts;

namespace Reeve.Portal.Security;

/// <summary>
/// Residents sign in with their own scheme and cookie, never the officers': the portal's pages authorise only this
/// scheme (an officer's cookie is not even read there), and the officer pages authorise only theirs, so a resident's
/// cookie opens no officer page. HttpOnly, SameSite=Strict, 30 minutes sliding.
/// </summary>
public static class ResidentAuthentication
{
    public const string Scheme = "Resident";
    public const string Policy = "Resident";
    public const string CookieName = "reeve.resident";

    private const string CouncilClaim = "reeve:resident-council";

    public static IServiceCollection AddResidentAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.Path = "/portal";
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
            options.LoginPath = "/portal/sign-in";
            options.LogoutPath = "/portal/sign-out";
            options.AccessDeniedPath = "/portal/sign-in";
            options.ReturnUrlParameter = "returnUrl";
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(CouncilClaim));
        return services;
    }

    public static ClaimsPrincipal Principal(ResidentUser user) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.UserId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.Email),
                new Claim(CouncilClaim, user.Council.Value.ToString(CultureInfo.InvariantCulture)),
            ],
            Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The signed-in resident as the cookie names them (the pages re-read nothing else to decide what to show).</summary>
    public static ResidentUser Resident(this ClaimsPrincipal user) => new(
        new CouncilId(int.Parse(user.FindFirstValue(CouncilClaim) ?? throw new InvalidOperationException("Not a resident"), CultureInfo.InvariantCulture)),
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not a resident"), CultureInfo.InvariantCulture),
        user.FindFirstValue(ClaimTypes.Name) ?? "");

    public static bool IsResident(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme } && user.HasClaim(c => c.Type == CouncilClaim);
}
