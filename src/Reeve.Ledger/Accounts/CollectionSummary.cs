using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>
/// Keeps <c>collection_summary</c>: the ledger's debit and receipts (as <see cref="CollectionTotals"/> counts them) by
/// kind of account, financial year and effective day, folded in from every entry up to the council's watermark
/// (decision 0059). <see cref="CollectionTotals.ByDayAsync"/> adds the live entries above the watermark, so the summary
/// never has to be current to be exact; refreshing it only keeps that live range short.
/// </summary>
public static class CollectionSummary
{
    /// <summary>What one refresh folded in: how many entries, and the watermark it left.</summary>
    public sealed record Refreshed(long Entries, long Watermark);

    /// <summary>
    /// Folds the council's entries above the watermark into the summary and moves the watermark to the highest entry id,
    /// in one transaction of its own. The watermark row is written first, so a second refresh running at the same time
    /// waits for this one and then finds nothing left to fold; run twice, it folds nothing twice. Entry ids are reserved
    /// inside the posting's transaction from the council's id block, whose row stays locked until that transaction ends,
    /// so no entry below the highest id seen can commit later.
    /// </summary>
    public static async Task<Refreshed> RefreshAsync(DbConnection connection, CouncilId council, CancellationToken ct = default)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new { council = council.Value };
        var from = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "insert into collection_summary_watermark (council_id, entry_id) values (@council, 0) " +
            "on conflict (council_id) do update set entry_id = collection_summary_watermark.entry_id returning entry_id",
            args, tx, cancellationToken: ct));
        var to = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select max(entry_id) from ledger_line where council_id = @council", args, tx, cancellationToken: ct)) ?? 0;
        if (to <= from)
        {
            await tx.CommitAsync(ct);
            return new Refreshed(0, from);
        }

        var range = new { council = council.Value, from, to };
        var entries = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from ledger_line where council_id = @council and entry_id > @from and entry_id <= @to",
            range, tx, cancellationToken: ct, commandTimeout: 3600));
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into collection_summary (council_id, account_kind, financial_year, effective_date, debit_pence, receipts_pence, entries) " +
            "select l.council_id, a.kind, l.financial_year, l.effective_date, " +
            $"sum({CollectionTotals.DebitSql}), sum({CollectionTotals.ReceiptsSql}), count(*) " +
            // CROSS JOIN: SQLite takes the new entries first rather than scanning every account; PostgreSQL chooses freely.
            "from ledger_line l cross join account a where a.council_id = l.council_id and a.account_id = l.account_id " +
            "and l.council_id = @council and l.entry_id > @from and l.entry_id <= @to and " + CollectionTotals.CountedSql +
            " group by l.council_id, a.kind, l.financial_year, l.effective_date " +
            "on conflict (council_id, account_kind, financial_year, effective_date) do update set " +
            "debit_pence = collection_summary.debit_pence + excluded.debit_pence, " +
            "receipts_pence = collection_summary.receipts_pence + excluded.receipts_pence, " +
            "entries = collection_summary.entries + excluded.entries",
            range, tx, cancellationToken: ct, commandTimeout: 3600));
        await connection.ExecuteAsync(new CommandDefinition(
            "update collection_summary_watermark set entry_id = @to where council_id = @council", range, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new Refreshed(entries, to);
    }
}
