using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Work;

/// <summary>
/// Writes many new open items in one go (binary COPY on PostgreSQL), for the home-page benchmark's 50,000 items and a
/// large backfill. Ids come from the council's block; no item may already exist for the same source and key.
/// </summary>
public static class WorkItems
{
    public static async Task InsertOpenAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<(WorkToRaise Item, string? AssignedTo)> items, Instant now,
        CancellationToken ct = default)
    {
        if (items.Count == 0)
        {
            return;
        }

        var first = await IdAllocator.ReserveAsync(connection, tx, council, "work_item", items.Count);
        var rows = items.Select((x, i) => new Row(council, first + i, x.Item, x.AssignedTo, now)).ToList();
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "work_item", Shape, rows, ct);
    }

    private sealed record Row(CouncilId Council, long Id, WorkToRaise Item, string? AssignedTo, Instant RaisedAt);

    private static readonly BulkTable<Row> Shape = new BulkTable<Row>()
        .Int4("council_id", r => r.Council.Value)
        .Int8("work_item_id", r => r.Id)
        .Text("source", r => r.Item.Source)
        .Text("source_key", r => r.Item.Key)
        .Text("kind", r => r.Item.Kind)
        .Text("title", r => r.Item.Title)
        .Text("team", r => r.Item.Team)
        .Int8("party_id", r => r.Item.PartyId)
        .Int8("account_id", r => r.Item.AccountId)
        .Instant("raised_at", r => r.RaisedAt)
        .Date("deadline", r => r.Item.Deadline)
        .Text("clock", r => r.Item.Clock.Code())
        .Text("assigned_to", r => r.AssignedTo)
        .Text("state", _ => "open");
}
