using NodaTime;

namespace Reeve.Work;

/// <summary>A <c>work_item</c> row as Dapper reads it (settable properties, codes as strings).</summary>
internal sealed class WorkItemRow
{
    public const string Columns =
        "work_item_id as WorkItemId, source as Source, source_key as SourceKey, kind as Kind, title as Title, team as Team, " +
        "deadline as Deadline, clock as Clock, party_id as PartyId, account_id as AccountId, raised_at as RaisedAt, " +
        "assigned_to as AssignedTo, state as State, closed_at as ClosedAt";

    public long WorkItemId { get; set; }
    public string Source { get; set; } = "";
    public string SourceKey { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public string Team { get; set; } = "";
    public LocalDate Deadline { get; set; }
    public string Clock { get; set; } = "";
    public long? PartyId { get; set; }
    public long? AccountId { get; set; }
    public Instant RaisedAt { get; set; }
    public string? AssignedTo { get; set; }
    public string State { get; set; } = "";
    public Instant? ClosedAt { get; set; }

    public WorkItem ToItem() => new(
        WorkItemId, Source, SourceKey, Kind, Title, Team, Deadline, WorkClocks.FromCode(Clock), PartyId, AccountId, RaisedAt, AssignedTo,
        State == "open" ? WorkState.Open : WorkState.Closed, ClosedAt);
}
