using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Reeve.Portal.Features.SendCode;

namespace Reeve.Portal.Security;

/// <summary>
/// Which code the "check your email" page is waiting for, between the page that sent it and the page that takes it:
/// a cookie the server encrypts and signs (ASP.NET Core data protection), lasting as long as the code does.
/// It carries the code's id and the address, never the code.
/// </summary>
public sealed class PendingCodes(IDataProtectionProvider protection)
{
    public const string CookieName = "reeve.resident.pending";

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Reeve.Portal.PendingCode").ToTimeLimitedDataProtector();

    public void Remember(HttpResponse response, PendingCode pending) =>
        response.Cookies.Append(CookieName,
            _protector.Protect(pending.CodeId.ToString(CultureInfo.InvariantCulture) + "\n" + pending.Email, TimeSpan.FromMinutes(15)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/portal", Secure = response.HttpContext.Request.IsHttps, IsEssential = true });

    public PendingCode? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var text) || string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(text).Split('\n', 2);
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new PendingCode(id, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Expired or tampered with: the resident starts again.
            return null;
        }
    }

    public static void Forget(HttpResponse response) => response.Cookies.Delete(CookieName, new CookieOptions { Path = "/portal" });
}
