using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Work;

/// <summary>
/// The one interface a module feeds the work queue through, called inside the module's own transaction where it creates
/// the thing that waits for an officer and where that thing is resolved. Both calls are idempotent per council, source
/// and key: raising an item that is already open updates its title, kind and deadline (and keeps who has it); raising
/// a closed one opens it again; closing a closed or unknown item does nothing.
/// </summary>
public static class WorkQueue
{
    public static async Task RaiseAsync(DbConnection connection, DbTransaction tx, CouncilId council, WorkToRaise item, Instant now)
    {
        Check(item);
        DapperSetup.Ensure();
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "work_item", 1);
        await connection.ExecuteAsync(
            """
            insert into work_item (council_id, work_item_id, source, source_key, kind, title, team, party_id, account_id,
                raised_at, deadline, clock, assigned_to, state, closed_at)
            values (@council, @id, @Source, @Key, @Kind, @Title, @Team, @PartyId, @AccountId, @now, @Deadline, @clock, @AssignedTo, 'open', null)
            on conflict (council_id, source, source_key) do update set
                kind = excluded.kind, title = excluded.title, team = excluded.team, deadline = excluded.deadline,
                clock = excluded.clock, party_id = excluded.party_id, account_id = excluded.account_id,
                raised_at = case when work_item.state = 'closed' then excluded.raised_at else work_item.raised_at end,
                assigned_to = case when work_item.state = 'closed' then excluded.assigned_to else coalesce(work_item.assigned_to, excluded.assigned_to) end,
                state = 'open', closed_at = null
            """,
            new
            {
                council = council.Value, id, item.Source, item.Key, item.Kind, item.Title, item.Team, item.PartyId, item.AccountId, item.AssignedTo,
                now, item.Deadline, clock = item.Clock.Code(),
            },
            tx);
    }

    /// <summary>
    /// Raises many items of one source at once, as an import makes them: the new ones in one bulk write, any already
    /// known (open or closed) raised again one by one as <see cref="RaiseAsync"/> does.
    /// </summary>
    public static async Task RaiseManyAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<WorkToRaise> items, Instant now, CancellationToken ct = default)
    {
        if (items.Count == 0)
        {
            return;
        }

        DapperSetup.Ensure();
        items.ToList().ForEach(Check);
        var known = new HashSet<(string, string)>();
        foreach (var source in items.GroupBy(i => i.Source, StringComparer.Ordinal))
        {
            foreach (var chunk in SqlLists.Chunks(source.Select(i => i.Key)))
            {
                var keys = await connection.QueryAsync<string>(
                    $"select source_key from work_item where council_id = @council and source = @source and source_key {SqlLists.AnyOf(connection, "keys")}",
                    new { council = council.Value, source = source.Key, keys = chunk }, tx);
                known.UnionWith(keys.Select(k => (source.Key, k)));
            }
        }

        var fresh = items.Where(i => !known.Contains((i.Source, i.Key))).DistinctBy(i => (i.Source, i.Key)).ToList();
        await WorkItems.InsertOpenAsync(connection, tx, council, fresh.Select(i => (i, i.AssignedTo)).ToList(), now, ct);
        foreach (var item in items.Where(i => known.Contains((i.Source, i.Key))))
        {
            await RaiseAsync(connection, tx, council, item, now);
        }
    }

    /// <summary>Answers whether an open item was closed (false when there was none, or it was closed already).</summary>
    public static async Task<bool> CloseAsync(DbConnection connection, DbTransaction tx, CouncilId council, string source, string key, Instant now)
    {
        DapperSetup.Ensure();
        return await connection.ExecuteAsync(
            "update work_item set state = 'closed', closed_at = @now " +
            "where council_id = @council and source = @source and source_key = @key and state = 'open'",
            new { council = council.Value, source, key, now },
            tx) == 1;
    }

    /// <summary>Closes every open item of a source whose key is not among <paramref name="stillOpen"/>: for a source
    /// that knows its open things as a set (a nightly check), rather than each as it resolves.</summary>
    public static async Task<int> CloseAllExceptAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, string source, IReadOnlyCollection<string> stillOpen, Instant now)
    {
        DapperSetup.Ensure();
        var open = (await connection.QueryAsync<string>(
            "select source_key from work_item where council_id = @council and source = @source and state = 'open'",
            new { council = council.Value, source }, tx)).ToList();
        var keep = stillOpen.ToHashSet(StringComparer.Ordinal);
        var closed = 0;
        foreach (var key in open.Where(k => !keep.Contains(k)))
        {
            closed += await CloseAsync(connection, tx, council, source, key, now) ? 1 : 0;
        }

        return closed;
    }

    private static void Check(WorkToRaise item)
    {
        // A producer's bug, not an officer's input: every item needs a source, key, kind, title and team to be found again.
        if (string.IsNullOrWhiteSpace(item.Source) || string.IsNullOrWhiteSpace(item.Key) || string.IsNullOrWhiteSpace(item.Kind)
            || string.IsNullOrWhiteSpace(item.Title) || string.IsNullOrWhiteSpace(item.Team))
        {
            throw new ArgumentException($"A work item needs a source, key, kind, title and team: {item}", nameof(item));
        }
    }
}
