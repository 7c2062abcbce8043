using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using NodaTime;
using Reeve.Officers;
using Reeve.Web.Features.Auditing;

namespace Reeve.Web.Security;

/// <summary>
/// The end of a sign-in, shared by the password page and the second-factor code page: the audit line, a new server-side
/// session, and the cookie naming it. Between the two pages an officer with a second factor holds a short-lived cookie,
/// protected by ASP.NET Core Data Protection, that says whose password was right; it signs no one in by itself.
/// </summary>
public static class OfficerSignIn
{
    public const string PendingCookie = "reeve.second-factor";
    public static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(5);
    private const string Purpose = "Reeve.SignIn.SecondFactorPending";

    public static async Task CompleteAsync(HttpContext http, DbConnection connection, OfficerAccount officer, string detail, Instant now)
    {
        await AuditTrail.RecordAsync(connection, null, officer.HomeCouncil, officer.Username, AuditTrail.Actions.SignIn, OfficerAudit.Subjects.Officer,
            officer.Username, detail, OfficerAudit.RemoteAddress(http), now);
        var session = await OfficerSessions.StartAsync(connection, null, officer.OfficerId, now);
        await http.SignInAsync(Authentication.Scheme, OfficerClaims.Create(officer, officer.HomeCouncil, session),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
    }

    /// <summary>Where to go after signing in: a local address that is not a sign-in page, or the start page.</summary>
    public static string SafeReturnUrl(Microsoft.AspNetCore.Mvc.IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith("/sign-", StringComparison.Ordinal) ? returnUrl : "/";

    /// <summary>The password was right and the officer has a second factor: remember whose, for five minutes, for the code page.</summary>
    public static void HoldForCode(HttpContext http, OfficerAccount officer) =>
        http.Response.Cookies.Append(PendingCookie, Protector(http).Protect(officer.Username, PendingFor), CookieOptions(http));

    /// <summary>Whose password was right in the last five minutes, or null (no cookie, tampered with, or expired).</summary>
    public static string? PendingUsername(HttpContext http)
    {
        if (http.Request.Cookies[PendingCookie] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            return Protector(http).Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static void Forget(HttpContext http) => http.Response.Cookies.Delete(PendingCookie, CookieOptions(http));

    private static ITimeLimitedDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();

    private static CookieOptions CookieOptions(HttpContext http) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/sign-in", MaxAge = PendingFor, IsEssential = true,
    };
}
