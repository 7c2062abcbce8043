using NodaTime;
using Reeve.Kernel;

namespace Reeve.People;

public enum PartyKind
{
    Person = 1,
    Organisation = 2,
}

/// <summary>A name as it was from a date; a person's names are kept as history, never overwritten.</summary>
public sealed record PartyName(
    int Sequence,
    string? Title,
    string? Forenames,
    string? Surname,
    string? OrganisationName,
    LocalDate EffectiveFrom,
    string Reason,
    Instant RecordedAt,
    string RecordedBy)
{
    public string DisplayName => OrganisationName
        ?? string.Join(' ', new[] { Title, Forenames, Surname }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>"Surname, Forenames" for lists an officer scans alphabetically.</summary>
    public string SortName => OrganisationName ?? $"{Surname}, {Forenames}";
}

public sealed record ContactDetail(int Sequence, string Kind, string Value, bool IsPreferred);

public sealed record PostalAddress(
    int Sequence,
    long? Uprn,
    string Line1,
    string? Line2,
    string? Line3,
    string Town,
    string Postcode,
    LocalDate ValidFrom,
    LocalDate? ValidTo)
{
    public string OneLine => string.Join(", ", new[] { Line1, Line2, Line3, Town, Postcode }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>A person or organisation that can owe the council money.</summary>
public sealed record Party(
    CouncilId Council,
    long PartyId,
    PartyKind Kind,
    LocalDate? DateOfBirth,
    LocalDate? DeceasedOn,
    int Version,
    IReadOnlyList<PartyName> Names,
    IReadOnlyList<ContactDetail> Contacts,
    IReadOnlyList<PostalAddress> Addresses)
{
    public PartyName CurrentName => Names.OrderBy(n => n.Sequence).Last();
    public string DisplayName => CurrentName.DisplayName;
}

/// <summary>A name to record: a person's parts or an organisation's name.</summary>
public sealed record NameParts(string? Title, string? Forenames, string? Surname, string? OrganisationName)
{
    public static NameParts Person(string? title, string forenames, string surname) => new(title, forenames, surname, null);

    public static NameParts Organisation(string name) => new(null, null, null, name);

    public string DisplayName => OrganisationName
        ?? string.Join(' ', new[] { Title, Forenames, Surname }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>Lower-case "forenames surname" and "surname forenames" so either order finds the person.</summary>
    public string SearchKey => OrganisationName is { } org
        ? org.ToLowerInvariant()
        : $"{Forenames} {Surname} | {Surname} {Forenames}".ToLowerInvariant();

    public string? Problem(PartyKind kind)
    {
        if (kind == PartyKind.Organisation)
        {
            return string.IsNullOrWhiteSpace(OrganisationName) ? "organisationName: Enter the organisation's name" : null;
        }

        if (string.IsNullOrWhiteSpace(Surname))
        {
            return "surname: Enter the person's surname";
        }

        return string.IsNullOrWhiteSpace(Forenames) ? "forenames: Enter the person's first name" : null;
    }
}
