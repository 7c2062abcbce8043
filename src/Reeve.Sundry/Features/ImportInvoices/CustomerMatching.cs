using Reeve.People;

namespace Reeve.Sundry.Features.ImportInvoices;

/// <summary>How an import found the party behind a customer number.</summary>
public enum CustomerOutcome
{
    /// <summary>The customer number was imported before: its party.</summary>
    Known = 1,

    /// <summary>A new customer number for an organisation whose company number another customer already has.</summary>
    MatchedByCompanyNumber = 2,

    /// <summary>A new customer number whose name and postcode are those of exactly one party already recorded.</summary>
    MatchedByNameAndPostcode = 3,

    /// <summary>No party matched (or several did, so none was chosen): a new person or organisation was recorded.</summary>
    Created = 4,
}

/// <summary>One line of the match report: which party a customer number became, and how.</summary>
public sealed record CustomerMatch(string CustomerNumber, string Name, CustomerOutcome Outcome, long PartyId, string? Note);

/// <summary>Turning a customer on an invoice into the name People records.</summary>
internal static class CustomerNames
{
    /// <summary>
    /// An organisation's name as given. An individual's as "Forenames Surname" (the last word is the surname) or
    /// "Surname, Forenames"; a single word is no name People can record, so it is refused naming the field.
    /// </summary>
    public static NameParts? Parse(string type, string name)
    {
        if (type == "organisation")
        {
            return NameParts.Organisation(name.Trim());
        }

        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            var surname = name[..comma].Trim();
            var forenames = name[(comma + 1)..].Trim();
            return surname.Length > 0 && forenames.Length > 0 ? NameParts.Person(null, forenames, surname) : null;
        }

        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length < 2 ? null : NameParts.Person(null, string.Join(' ', words[..^1]), words[^1]);
    }

    public static string Postcode(string? postcode) => (postcode ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
