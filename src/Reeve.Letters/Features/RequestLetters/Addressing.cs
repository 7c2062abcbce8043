using Reeve.People;
using Reeve.Properties;

namespace Reeve.Letters;

/// <summary>Who a letter on an account is addressed to and where, the same for every kind of letter and account.</summary>
public static class Addressing
{
    /// <summary>
    /// Where to write: the first liable person's current correspondence address if one is recorded, else the
    /// property itself.
    /// </summary>
    public static PostalAddress Correspondence(IReadOnlyList<Party> parties, Property property)
    {
        var recorded = parties
            .SelectMany(p => p.Addresses.Where(a => a.ValidTo is null).OrderByDescending(a => a.ValidFrom).ThenByDescending(a => a.Sequence).Take(1))
            .FirstOrDefault();
        return recorded is null
            ? new PostalAddress(Lines(property.Line1, property.Line2, property.Line3, property.Town), property.Postcode)
            : new PostalAddress(Lines(recorded.Line1, recorded.Line2, recorded.Line3, recorded.Town), recorded.Postcode);
    }

    internal static List<string> Lines(params string?[] lines) => lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!).ToList();

    /// <summary>"Ann Lee", "Ann Lee and Bo Lee", "Ann Lee, Bo Lee and Cy Lee": joint and several liability names everyone.</summary>
    public static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "The Occupier",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };
}
