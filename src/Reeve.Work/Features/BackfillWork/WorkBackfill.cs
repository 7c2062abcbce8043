using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Work;

/// <summary>
/// One source's work that was already waiting when the queue arrived: the module reads its own tables and answers
/// the items it would have raised, as of today. A module registers one per source with the composition root.
/// </summary>
public interface IWorkBackfill
{
    string Source { get; }

    Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today);
}

/// <summary>
/// Brings in each source's waiting work once per council, at start-up (the web app after migrating, and
/// <c>reeve migrate</c>): a source with a <c>work_backfill</c> row for the council is skipped, and the raise is
/// idempotent anyway, so a start-up that stops half way brings the rest in next time. Each council and source in its
/// own transaction.
/// </summary>
public static class WorkBackfill
{
    public sealed record Done(CouncilId Council, string Source, int Items);

    public static async Task<IReadOnlyList<Done>> RunAsync(
        DbConnection connection, IReadOnlyList<CouncilId> councils, IEnumerable<IWorkBackfill> sources, LocalDate today, Instant now,
        CancellationToken ct = default)
    {
        DapperSetup.Ensure();
        var done = new List<Done>();
        var all = sources.ToList();
        foreach (var council in councils)
        {
            foreach (var source in all)
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                var already = await connection.ExecuteScalarAsync<long>(
                    "select count(*) from work_backfill where council_id = @council and source = @source",
                    new { council = council.Value, source = source.Source }, tx);
                if (already > 0)
                {
                    await tx.RollbackAsync(ct);
                    continue;
                }

                var items = await source.WaitingAsync(connection, tx, council, today);
                foreach (var item in items)
                {
                    await WorkQueue.RaiseAsync(connection, tx, council, item, now);
                }

                await connection.ExecuteAsync(
                    "insert into work_backfill (council_id, source, items, done_at) values (@council, @source, @items, @now)",
                    new { council = council.Value, source = source.Source, items = items.Count, now }, tx);
                await tx.CommitAsync(ct);
                done.Add(new Done(council, source.Source, items.Count));
            }
        }

        return done;
    }
}
