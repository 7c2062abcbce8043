using NodaTime;
using Reeve.Kernel;

namespace Reeve.People;

/// <summary>Where a trace task came from: post returned "gone away", or an officer who has reason to think the person moved.</summary>
public enum TraceOrigin
{
    ReturnedMail,
    Officer,
}

/// <summary>
/// Open while the officer works; then found (with the new address), not found (closed with a date to look again),
/// or closed for another reason (the debt was paid, the person died, the account was written off).
/// </summary>
public enum TraceStatus
{
    Open,
    Found,
    NotFound,
    Closed,
}

/// <summary>One source the officer tried, when, what it gave and their note.</summary>
public sealed record TraceAttempt(int Number, string Source, LocalDate TriedOn, string Result, string Note, string RecordedBy, Instant RecordedAt);

public sealed record TraceTask(
    long TaskId,
    long PartyId,
    string Reason,
    TraceOrigin Origin,
    LocalDate OpenedOn,
    string OpenedBy,
    LocalDate DueOn,
    string AssignedTo,
    TraceStatus Status,
    LocalDate? OutcomeOn,
    string? OutcomeNote,
    LocalDate? ReviewOn,
    int? FoundAddressSequence,
    string? ClosedBy,
    IReadOnlyList<TraceAttempt> Attempts)
{
    public bool IsOverdue(LocalDate today) => Status == TraceStatus.Open && DueOn < today;

    /// <summary>Calendar days from opening to today (or to the outcome, once there is one).</summary>
    public int DaysOpen(LocalDate today) => Period.DaysBetween(OpenedOn, OutcomeOn ?? today);
}

/// <summary>An officer opening a trace: whom, why, by when and who works it.</summary>
public sealed record OpenTrace(long PartyId, string Reason, LocalDate DueOn, string AssignedTo);

/// <summary>Where the person was found: the address letters go to from now on.</summary>
public sealed record FoundAddress(string Line1, string? Line2, string? Line3, string Town, string Postcode)
{
    public string OneLine => string.Join(", ", new[] { Line1, Line2, Line3, Town, Postcode }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>A found address recorded: the closed task, the new address's sequence and the addresses it replaced.</summary>
public sealed record TraceFound(TraceTask Task, int AddressSequence, IReadOnlyList<int> EndedAddressSequences);

/// <summary>A row of the trace work queue.</summary>
public sealed record TraceQueueItem(
    long TaskId, long PartyId, string Name, Money Owed, LocalDate OpenedOn, LocalDate DueOn, string AssignedTo, string? LastSource, LocalDate? LastTriedOn)
{
    public int DaysOpen(LocalDate today) => Period.DaysBetween(OpenedOn, today);

    public bool IsOverdue(LocalDate today) => DueOn < today;
}

/// <summary>The sources a tracing officer tries, and the results a source can give.</summary>
public static class TraceSources
{
    public static readonly IReadOnlyList<(string Code, string Title)> All =
    [
        ("electoral-register", "Electoral register"),
        ("council-tax-records", "Council tax records"),
        ("housing-records", "Housing and housing benefit records"),
        ("credit-reference-agency", "Credit reference agency"),
        ("land-registry", "Land Registry"),
        ("employer", "Employer"),
        ("social-media", "Social media and open sources"),
        // Only where a data-sharing agreement gives a lawful basis for the purpose; the officer's note says which.
        ("dwp-data-sharing", "DWP data-sharing (where lawful)"),
        ("other", "Other"),
    ];

    public static readonly IReadOnlyList<(string Code, string Title)> Results =
    [
        ("found", "Found a current address"),
        ("lead", "A lead to follow up"),
        ("no-trace", "No trace"),
        ("no-response", "No response yet"),
    ];

    public static string Title(string code) => All.Concat(Results).FirstOrDefault(s => s.Code == code).Title ?? code;

    public static bool IsSource(string? code) => All.Any(s => s.Code == code);

    public static bool IsResult(string? code) => Results.Any(s => s.Code == code);
}
