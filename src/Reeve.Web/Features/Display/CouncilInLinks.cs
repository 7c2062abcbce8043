using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Reeve.Kernel;
using Reeve.Web.Security;

namespace Reeve.Web.Features.Display;

/// <summary>
/// Each council numbers its own people, accounts and properties, so "/people/5" names a different person in each.
/// For an officer of a shared service (more than one council), the address of a record page therefore names its
/// council (<c>?council=2</c>): a link copied and opened later, or sent to a colleague, opens the same record whichever
/// council is selected. A link for another of the officer's councils asks to switch first; a link for a council the
/// officer does not work for is not found. Officers of one council see no change.
/// </summary>
public static partial class CouncilInLinks
{
    public const string Parameter = "council";

    [GeneratedRegex("^/(people|accounts|properties)/[0-9]+(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex RecordPage();

    public static IApplicationBuilder UseCouncilInLinks(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (Decide(http) is { } answer)
        {
            await answer.ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    private static IResult? Decide(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) || !http.User.IsOfficer() || !RecordPage().IsMatch(request.Path.Value ?? ""))
        {
            return null;
        }

        var councils = http.User.CouncilIds();
        var working = http.User.CouncilId();
        var named = request.Query[Parameter].ToString();
        if (named.Length == 0)
        {
            return councils.Count > 1 ? Results.Redirect(WithCouncil(request, working)) : null;
        }

        if (!int.TryParse(named, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == working.Value)
        {
            return null;
        }

        var council = new CouncilId(id);
        if (!councils.Contains(council))
        {
            return Results.NotFound();
        }

        return Results.Redirect(QueryHelpers.AddQueryString("/council", new Dictionary<string, string?>
        {
            ["to"] = id.ToString(CultureInfo.InvariantCulture),
            ["returnUrl"] = request.Path + request.QueryString,
        }));
    }

    private static string WithCouncil(HttpRequest request, CouncilId council) =>
        QueryHelpers.AddQueryString(request.Path, request.Query
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>(Parameter, council.Value.ToString(CultureInfo.InvariantCulture))));
}
