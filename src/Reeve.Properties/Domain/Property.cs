using Reeve.Kernel;

namespace Reeve.Properties;

/// <summary>
/// A property the council bills, keyed by its Unique Property Reference Number: a dwelling on the
/// council tax valuation list or a hereditament on the rating list.
/// </summary>
public sealed record Property(
    CouncilId Council,
    long Uprn,
    string Line1,
    string? Line2,
    string? Line3,
    string Town,
    string Postcode,
    PropertyKind Kind,
    char? Band,
    int Version)
{
    public string OneLine => string.Join(", ", new[] { Line1, Line2, Line3, Town, Postcode }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

public enum PropertyKind
{
    Domestic = 1,
    NonDomestic = 2,
}

public sealed record NewProperty(
    CouncilId Council,
    long Uprn,
    string Line1,
    string? Line2,
    string? Line3,
    string Town,
    string Postcode,
    PropertyKind Kind,
    char? Band)
{
    /// <summary>UPRNs are positive integers of up to 12 digits (OS AddressBase).</summary>
    public string? Problem()
    {
        if (Uprn is < 1 or > 999_999_999_999)
        {
            return "uprn: A UPRN is a number of up to 12 digits";
        }

        if (string.IsNullOrWhiteSpace(Line1))
        {
            return "line1: Enter the first line of the address";
        }

        if (string.IsNullOrWhiteSpace(Town))
        {
            return "town: Enter the town";
        }

        if (!Postcodes.IsValid(Postcode))
        {
            return "postcode: Enter a real postcode, like SW1A 1AA";
        }

        return Band is null or (>= 'A' and <= 'H') ? null : "band: A council tax band in England is A to H";
    }

    public string SearchKey => $"{Line1} {Line2} {Line3} {Town} {Postcodes.Normalise(Postcode)} {Postcode.Replace(" ", "", StringComparison.Ordinal)} {Uprn}".ToLowerInvariant();
}
