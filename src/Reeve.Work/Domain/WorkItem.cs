using NodaTime;

namespace Reeve.Work;

/// <summary>
/// What a module pushes to the queue: its own name for where the work comes from (<see cref="Source"/>, e.g.
/// "payments.suspense") and its own key for the thing, so that raising it again or closing it finds the same item.
/// <see cref="Kind"/> is what officers filter by ("Suspense payment", "Trace"); <see cref="Team"/> whose queue it
/// lands in while nobody has taken it. <see cref="AssignedTo"/> names an officer the source already gave it to; raising
/// it again never takes it from whoever has it.
/// </summary>
public sealed record WorkToRaise(
    string Source,
    string Key,
    string Kind,
    string Title,
    string Team,
    LocalDate Deadline,
    WorkClock Clock,
    long? PartyId = null,
    long? AccountId = null,
    string? AssignedTo = null);

public enum WorkState
{
    Open = 1,
    Closed = 2,
}

/// <summary>An item on the queue as the pages read it.</summary>
public sealed record WorkItem(
    long WorkItemId,
    string Source,
    string Key,
    string Kind,
    string Title,
    string Team,
    LocalDate Deadline,
    WorkClock Clock,
    long? PartyId,
    long? AccountId,
    Instant RaisedAt,
    string? AssignedTo,
    WorkState State,
    Instant? ClosedAt);

/// <summary>The teams work is raised for today. A module may name its own; these are the ones Reeve's modules use.</summary>
public static class WorkTeams
{
    public const string Payments = "Payments";
    public const string Recovery = "Recovery";
    public const string CouncilTax = "Council Tax";
    public const string Casework = "Casework";
}
