using System.Globalization;
using System.Security.Claims;
using Reeve.Kernel;
using Reeve.Officers;

namespace Reeve.Web.Security;

/// <summary>
/// What the sign-in cookie says about the officer: who they are, their role, and the council they are
/// working on now. Every query takes its council from here, so nothing an officer sees crosses councils.
/// </summary>
public static class OfficerClaims
{
    public const string Council = "reeve:council";
    public const string Councils = "reeve:councils";
    public const string Username = ClaimTypes.NameIdentifier;
    public const string Session = "reeve:session";

    public static ClaimsPrincipal Create(OfficerAccount officer, CouncilId workingCouncil, string sessionId)
    {
        var claims = new List<Claim>
        {
            new(Username, officer.Username),
            new(ClaimTypes.Name, officer.DisplayName),
            new(ClaimTypes.Role, officer.Role.Name()),
            new(Council, workingCouncil.ToString()),
            new(Councils, string.Join(',', officer.Councils.Select(c => c.ToString()))),
            new(Session, sessionId),
        };
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Authentication.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// Whether this is a signed-in officer. On a portal page the user is the resident (the portal's policy puts its own
    /// scheme's principal on the request), who carries no officer claims.
    /// </summary>
    public static bool IsOfficer(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(c => c.Type == Council);

    public static CouncilId CouncilId(this ClaimsPrincipal user) =>
        new(int.Parse(user.FindFirstValue(Council) ?? throw new InvalidOperationException("The officer has no working council"), CultureInfo.InvariantCulture));

    public static IReadOnlyList<CouncilId> CouncilIds(this ClaimsPrincipal user) =>
        (user.FindFirstValue(Councils) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(c => new CouncilId(int.Parse(c, CultureInfo.InvariantCulture))).ToList();

    public static string OfficerUsername(this ClaimsPrincipal user) =>
        user.FindFirstValue(Username) ?? throw new InvalidOperationException("The officer has no username");

    /// <summary>The server-side session the cookie names (OfficerSessions), or null for a cookie made before sessions.</summary>
    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(Session);

    public static string OfficerName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "";

    public static Role? OfficerRole(this ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static bool CanChange(this ClaimsPrincipal user) => user.OfficerRole() is { } role && role.CanChange();

    public static bool CanReadAudit(this ClaimsPrincipal user) => user.OfficerRole() is { } role && role.CanReadAudit();
}
