using Microsoft.AspNetCore.WebUtilities;

namespace Reeve.Web.Features.Display;

/// <summary>
/// What the GOV.UK pagination component needs to draw links for one list: which page is showing, how many
/// there are, and the address of any page (the current query string with this list's page parameter set).
/// </summary>
public sealed record Paging(int PageNumber, int PageCount, string Label, Func<int, string> Href)
{
    /// <summary>Pages for <paramref name="pageParameter"/> under <paramref name="path"/>, keeping the other query values.</summary>
    public static Paging For(HttpRequest request, string path, string pageParameter, int pageNumber, int pageCount, string label) =>
        new(pageNumber, pageCount, label, page =>
        {
            var values = request.Query
                .Where(q => !string.Equals(q.Key, pageParameter, StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new KeyValuePair<string, string?>(pageParameter, page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return QueryHelpers.AddQueryString(path, values);
        });

    /// <summary>
    /// The page numbers to show, as GOV.UK's pattern does: the first, the last, the current one and its
    /// neighbours; null stands for the "…" between runs.
    /// </summary>
    public IReadOnlyList<int?> Numbers()
    {
        var shown = new SortedSet<int> { 1, PageCount, PageNumber, PageNumber - 1, PageNumber + 1 };
        var result = new List<int?>();
        var previous = 0;
        foreach (var n in shown.Where(n => n >= 1 && n <= PageCount))
        {
            if (n > previous + 1)
            {
                result.Add(null);
            }

            result.Add(n);
            previous = n;
        }

        return result;
    }
}
