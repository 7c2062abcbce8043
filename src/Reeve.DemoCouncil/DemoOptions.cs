using NodaTime;

namespace Reeve.DemoCouncil;

/// <summary>How big a demo council to make, from which seed, and as at which date.</summary>
public sealed record DemoOptions(int Dwellings, int Seed, LocalDate AsAt, string? OfficerPassword = null)
{
    public const int DefaultDwellings = 20_000;
    public const int DefaultSeed = 2026;
}

/// <summary>An officer the demo created, with the password to sign in with.</summary>
public sealed record DemoOfficer(string Username, string Password, string Role, string DisplayName);

public sealed record DemoResult(
    IReadOnlyList<DemoOfficer> Officers,
    int Councils,
    int Dwellings,
    int People,
    int Accounts,
    int LedgerEntries);

/// <summary>Progress as the demo is made: what stage, how far through it.</summary>
public sealed record DemoProgress(string Stage, int Done, int Total);
