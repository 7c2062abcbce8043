using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>An event for an account's timeline, as a batch writer asks for it (the Ledger gives it its id).</summary>
public sealed record NewAccountEvent(long AccountId, Instant OccurredAt, LocalDate EffectiveDate, string Kind, string Summary, string Officer, string? SourceRule);

/// <summary>
/// Many timeline events written at once in the caller's transaction (binary COPY on PostgreSQL, one prepared insert on
/// SQLite), for runs that put an event on thousands of accounts in a chunk. One event at a time is
/// <see cref="AccountEvents.RecordAsync"/>.
/// </summary>
public static class AccountEventBatch
{
    private sealed record Row(CouncilId Council, long EventId, NewAccountEvent Event);

    private static readonly BulkTable<Row> Shape = new BulkTable<Row>()
        .Int4("council_id", r => r.Council.Value)
        .Int8("event_id", r => r.EventId)
        .Int8("account_id", r => r.Event.AccountId)
        .Instant("occurred_at", r => r.Event.OccurredAt)
        .Date("effective_date", r => r.Event.EffectiveDate)
        .Text("kind", r => r.Event.Kind)
        .Text("summary", r => r.Event.Summary)
        .Text("officer", r => r.Event.Officer)
        .Text("source_rule", r => r.Event.SourceRule);

    public static async Task WriteAsync(DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<NewAccountEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0)
        {
            return;
        }

        var first = await IdAllocator.ReserveAsync(connection, tx, council, "account_event", events.Count);
        var rows = events.Select((e, i) => new Row(council, first + i, e)).ToList();
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "account_event", Shape, rows, ct);
    }
}
