using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

public sealed record PostResult(IReadOnlyList<PostedEntry> Posted, int AlreadyPosted);

/// <summary>
/// Posts entries to the ledger inside the caller's transaction. An entry whose idempotency key has been
/// posted before is skipped, so a retried file line or a resumed batch run posts nothing twice.
/// Large batches go through binary COPY on PostgreSQL and one prepared statement on SQLite.
/// </summary>
public static class PostEntries
{
    public const int BulkThreshold = 200;

    public static async Task<Outcome<PostResult>> PostAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<NewEntry> entries, Instant now, CancellationToken ct = default)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (EntryValidation.Problem(entries[i]) is { } problem)
            {
                var field = problem.Split(':')[0];
                return new Outcome<PostResult>.Invalid($"entries[{i}].{field}", problem[(field.Length + 2)..]);
            }
        }

        if (entries.Count == 0)
        {
            return new PostResult([], 0);
        }

        if (await CostsInMoratoriumAsync(connection, tx, entries) is { } refused)
        {
            return new Outcome<PostResult>.Conflict(refused);
        }

        var rows = new List<PostedEntry>(entries.Count);
        foreach (var group in entries.GroupBy(e => e.Council))
        {
            var list = group.ToList();
            var first = await IdAllocator.ReserveAsync(connection, tx, group.Key, "ledger_entry", list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                var e = list[i];
                var (debit, credit) = EntryRules.BooksFor(e.Kind);
                rows.Add(new PostedEntry(e.Council, first + i, e.AccountId, e.Kind, debit, credit, e.Amount, e.Year,
                    e.EffectiveDate, now, e.PostedBy, e.Reason, e.SourceRule, null, e.IdempotencyKey));
            }
        }

        var posted = await WriteAsync(connection, tx, rows, ct);
        return new PostResult(posted, rows.Count - posted.Count);
    }

    // SI 2020/1311 reg 7: no fee or charge may be added to a debt in a Breathing Space. The modules that post costs
    // check first and log what they leave out; this is the ledger's own refusal of any costs that reach it anyway.
    private static async Task<string?> CostsInMoratoriumAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<NewEntry> entries)
    {
        foreach (var group in entries.Where(e => e.Kind == EntryKind.Costs).GroupBy(e => (e.Council, e.EffectiveDate)))
        {
            var held = await Moratoriums.InForceAsync(connection, tx, group.Key.Council, group.Select(e => e.AccountId).ToList(), group.Key.EffectiveDate);
            if (group.FirstOrDefault(e => held.ContainsKey(e.AccountId)) is { } entry)
            {
                return Moratoriums.RefusalMessage(held[entry.AccountId], $"costs of {entry.Amount.ToDisplayString()} on account {entry.AccountId}");
            }
        }

        return null;
    }

    /// <summary>Writes complete rows; returns those actually written (duplicates by idempotency key are not).</summary>
    internal static Task<IReadOnlyList<PostedEntry>> WriteAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<PostedEntry> rows, CancellationToken ct) =>
        // Most bulk batches are new: copied in one go, and only if a key has been seen before written row by row,
        // skipping duplicates. Either way the caller's transaction holds all or nothing.
        SqlDialect.Of(connection).WriteNewAsync(
            connection, tx, "ledger_entry", Shape, rows, "council_id, idempotency_key", "ledger_entry_idempotency", BulkThreshold, ct);

    /// <summary>The columns of <c>ledger_entry</c> as read from a posted entry (also what the ledger benchmark writes raw).</summary>
    public static BulkTable<PostedEntry> Shape { get; } = new BulkTable<PostedEntry>()
        .Int4("council_id", r => r.Council.Value)
        .Int8("entry_id", r => r.EntryId)
        .Int8("account_id", r => r.AccountId)
        .Text("kind", r => r.Kind.Code())
        .Text("debit_book", r => r.Debit.Code())
        .Text("credit_book", r => r.Credit.Code())
        .Money("amount_pence", r => r.Amount)
        .Int4("financial_year", r => r.Year.StartYear)
        .Date("effective_date", r => r.EffectiveDate)
        .Instant("posted_at", r => r.PostedAt)
        .Text("posted_by", r => r.PostedBy)
        .Text("reason", r => r.Reason)
        .Text("source_rule", r => r.SourceRule)
        .Int8("reverses_entry_id", r => r.ReversesEntryId)
        .Text("idempotency_key", r => r.IdempotencyKey);
}
