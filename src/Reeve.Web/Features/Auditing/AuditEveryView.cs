using Microsoft.AspNetCore.Routing.Patterns;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Security;

namespace Reeve.Web.Features.Auditing;

/// <summary>
/// Names whose data a page or endpoint shows, for its audit row: the subject kind, and the route value that holds the
/// subject's id (none for a page about many people, such as a court session's complaint list, where the path is the id).
/// Without it the convention in <see cref="AuditEveryView"/> applies.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AuditSubjectAttribute(string kind, string? routeValue = null) : Attribute
{
    public string Kind { get; } = kind;

    public string? RouteValue { get; } = routeValue;
}

/// <summary>A page or endpoint that shows nothing about anyone (figures, wording, calculators): its views are not audited.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoPersonalDataAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}

/// <summary>
/// Every successful response to a signed-in officer writes a "view" row to the audit trail before its first byte is
/// sent (so a response cannot go out unaudited: if the row cannot be written the request fails), unless the page wrote
/// its own row for the request through <see cref="OfficerAudit"/>, or says it shows no personal data. A page cannot
/// forget: the default is to audit, naming the subject by convention (an account reference, a UPRN, a person's id) or
/// by <see cref="AuditSubjectAttribute"/>, and otherwise by the path.
/// </summary>
public static class AuditEveryView
{
    public const int DetailLimit = 400;

    public static IApplicationBuilder UseAuditEveryView(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is not null && http.User.IsOfficer() && endpoint.Metadata.GetMetadata<NoPersonalDataAttribute>() is null)
        {
            http.Response.OnStarting(() => RecordUnlessAlreadyAsync(http, endpoint));
        }

        await next(http);
    });

    private static async Task RecordUnlessAlreadyAsync(HttpContext http, Endpoint endpoint)
    {
        if (http.Response.StatusCode is < 200 or >= 300 || OfficerAudit.WasRecorded(http))
        {
            return;
        }

        var (kind, id) = Subject(http, endpoint);
        var detail = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
        if (detail.Length > DetailLimit)
        {
            detail = detail[..DetailLimit] + "…";
        }

        var db = http.RequestServices.GetRequiredService<ReeveDatabase>();
        var audit = http.RequestServices.GetRequiredService<OfficerAudit>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await audit.RecordAsync(http, connection, null, AuditTrail.Actions.View, kind, id, detail);
    }

    /// <summary>The subject a response is about: the endpoint's own naming first, then the route's conventions, then the path.</summary>
    public static (string Kind, string Id) Subject(HttpContext http, Endpoint endpoint)
    {
        string Value(string name) => Limit(http.GetRouteValue(name)?.ToString() ?? "");
        if (endpoint.Metadata.GetMetadata<AuditSubjectAttribute>() is { } named)
        {
            return (named.Kind, named.RouteValue is null ? Limit(http.Request.Path.Value ?? "") : Value(named.RouteValue));
        }

        var pattern = (endpoint as RouteEndpoint)?.RoutePattern;
        if (Has(pattern, "reference"))
        {
            return (OfficerAudit.Subjects.Account, Value("reference").ToUpperInvariant());
        }

        if (Has(pattern, "uprn"))
        {
            return (OfficerAudit.Subjects.Property, Value("uprn"));
        }

        if (Has(pattern, "id") && pattern!.RawText!.TrimStart('/').Split('/') is ["people", ..] or ["api", "v1", "people", ..])
        {
            return (OfficerAudit.Subjects.Person, Value("id"));
        }

        return ("page", Limit(http.Request.Path.Value ?? ""));
    }

    private static bool Has(RoutePattern? pattern, string parameter) => pattern?.GetParameter(parameter) is not null;

    private static string Limit(string text) => text.Length > 100 ? text[..100] : text;
}
