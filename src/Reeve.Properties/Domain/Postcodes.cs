using System.Text.RegularExpressions;

namespace Reeve.Properties;

/// <summary>UK postcodes in their published shape (outward code, space, inward code).</summary>
public static partial class Postcodes
{
    [GeneratedRegex("^(GIR ?0AA|[A-PR-UWYZ][0-9][0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][A-HK-Y][0-9][0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][0-9][A-HJKPSTUW] ?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY] ?[0-9][ABD-HJLNP-UW-Z]{2})$")]
    private static partial Regex Shape();

    public static bool IsValid(string? postcode) => postcode is not null && Shape().IsMatch(postcode.Trim().ToUpperInvariant());

    public static string Normalise(string postcode)
    {
        var compact = postcode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact.Length > 3 ? compact[..^3] + " " + compact[^3..] : compact;
    }
}
