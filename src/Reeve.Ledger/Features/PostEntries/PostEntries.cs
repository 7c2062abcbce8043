using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

public sealed record PostResult(IReadOnlyList<PostedEntry> Posted, int AlreadyPosted);

/// <summary>
/// Posts entries to the ledger inside the caller's transaction. Who posted, when, why and under which rule are written
/// once per posting (the entries of a call that share them) in <c>ledger_posting</c>; each entry is a narrow row of
/// <c>ledger_line</c> naming its posting (decision 0045). An entry whose idempotency key has been posted before is
/// skipped, and a batch posted under a batch key (<see cref="PostBatchAsync"/>) posts nothing if that key has been
/// posted before, so a retried file line or a resumed batch run posts nothing twice. Every account the entries name
/// must exist in their council: checked for the whole batch in one read, and the batch is refused whole if one does
/// not. Large batches go through binary COPY on PostgreSQL and one prepared statement on SQLite.
/// </summary>
public static class PostEntries
{
    public const int BulkThreshold = 200;

    /// <summary>From how many accounts a batch whose accounts are dense in their id range checks them with one range scan.</summary>
    public const int DenseCheckFrom = 64;

    public const string LineTable = "ledger_line";

    public const string PostingTable = "ledger_posting";

    /// <summary>Posts entries each made idempotent by its own key (entries without a key always post).</summary>
    public static Task<Outcome<PostResult>> PostAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<NewEntry> entries, Instant now, CancellationToken ct = default) =>
        PostAsync(connection, tx, null, entries, now, ct);

    /// <summary>
    /// Posts a batch whose key, made before it is submitted and reused on retry, stands for all its entries: if a batch
    /// with this key has been posted in the council, nothing is posted and every entry counts as already posted. The
    /// entries need no keys of their own (those they have still hold). The batch must be of one council.
    /// </summary>
    public static Task<Outcome<PostResult>> PostBatchAsync(
        DbConnection connection, DbTransaction tx, string batchKey, IReadOnlyList<NewEntry> entries, Instant now, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(batchKey)
            ? Task.FromResult<Outcome<PostResult>>(new Outcome<PostResult>.Invalid("batchKey", "a batch posted under a key needs a key"))
            : PostAsync(connection, tx, batchKey, entries, now, ct);

    private static async Task<Outcome<PostResult>> PostAsync(
        DbConnection connection, DbTransaction tx, string? batchKey, IReadOnlyList<NewEntry> entries, Instant now, CancellationToken ct)
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

        if (batchKey is not null && entries.Any(e => e.Council != entries[0].Council))
        {
            return new Outcome<PostResult>.Invalid("batchKey", "a batch posted under one key belongs to one council");
        }

        if (await UnknownAccountAsync(connection, tx, entries, ct) is { } unknown)
        {
            return new Outcome<PostResult>.Invalid($"entries[{unknown}].accountId",
                $"account {entries[unknown].AccountId} is not an account of council {entries[unknown].Council.Value}: nothing in the batch was posted");
        }

        if (await CostsInMoratoriumAsync(connection, tx, entries) is { } refused)
        {
            return new Outcome<PostResult>.Conflict(refused);
        }

        var rows = new PostedEntry[entries.Count];
        foreach (var group in Enumerable.Range(0, entries.Count).GroupBy(i => entries[i].Council))
        {
            // Ids follow the accounts within a batch, so the balance index is written in one sweep rather than at
            // random; each account's own entries keep their order.
            var order = group.OrderBy(i => entries[i].AccountId).ToList();
            var first = await IdAllocator.ReserveAsync(connection, tx, group.Key, "ledger_entry", order.Count);
            for (var n = 0; n < order.Count; n++)
            {
                var e = entries[order[n]];
                var (debit, credit) = EntryRules.BooksFor(e.Kind);
                rows[order[n]] = new PostedEntry(e.Council, first + n, e.AccountId, e.Kind, debit, credit, e.Amount, e.Year,
                    e.EffectiveDate, now, e.PostedBy, e.Reason, e.SourceRule, null, e.IdempotencyKey);
            }
        }

        var posted = await WriteAsync(connection, tx, rows, batchKey, ct);
        return posted is null ? new PostResult([], rows.Length) : new PostResult(posted, rows.Length - posted.Count);
    }

    /// <summary>
    /// The index of the first entry whose account is not an account of its council, or null: one read per council
    /// for the whole batch. Accounts are never deleted or renumbered (the database refuses), so what exists now still
    /// exists when the transaction commits.
    /// </summary>
    private static async Task<int?> UnknownAccountAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<NewEntry> entries, CancellationToken ct)
    {
        foreach (var group in entries.GroupBy(e => e.Council))
        {
            var wanted = group.Select(e => e.AccountId).ToHashSet();
            var existing = await ExistingAccountsAsync(connection, tx, group.Key, wanted, ct);
            if (existing.Count < wanted.Count)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    if (entries[i].Council == group.Key && !existing.Contains(entries[i].AccountId))
                    {
                        return i;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Which of <paramref name="wanted"/> are accounts of the council. A batch whose accounts fill much of their id range
    /// (a billing or collection run) reads the range's ids from the key in one ordered scan, far cheaper than a probe
    /// per account; a sparse batch looks its accounts up by id.
    /// </summary>
    private static async Task<HashSet<long>> ExistingAccountsAsync(DbConnection connection, DbTransaction tx, CouncilId council, HashSet<long> wanted, CancellationToken ct)
    {
        var (lo, hi) = (wanted.Min(), wanted.Max());
        if (wanted.Count >= DenseCheckFrom && (hi - lo) / 4 < wanted.Count)
        {
            var inRange = await connection.QueryAsync<long>(new CommandDefinition(
                "select account_id from account where council_id = @council and account_id >= @lo and account_id <= @hi",
                new { council = council.Value, lo, hi }, tx, cancellationToken: ct));
            return inRange.Where(wanted.Contains).ToHashSet();
        }

        return (await SqlLists.QueryByIdsAsync<long, long>(connection,
            "select account_id from account where council_id = @council and account_id {ids}", council, wanted, tx)).ToHashSet();
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

    /// <summary>
    /// Writes complete entries and their postings; returns the entries actually written, in the order given (an entry
    /// whose key was posted before is not), or null when <paramref name="batchKey"/> was posted before (nothing written).
    /// </summary>
    internal static async Task<IReadOnlyList<PostedEntry>?> WriteAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<PostedEntry> rows, string? batchKey, CancellationToken ct)
    {
        var dialect = SqlDialect.Of(connection);
        var lines = new Line[rows.Count];
        var postings = new List<Posting>();
        foreach (var council in rows.GroupBy(r => r.Council))
        {
            var groups = council.GroupBy(r => (r.PostedAt, r.PostedBy, r.Reason, r.SourceRule)).ToList();
            var first = await IdAllocator.ReserveAsync(connection, tx, council.Key, "ledger_posting", groups.Count);
            var postingOf = new Dictionary<(Instant, string, string, string), long>(groups.Count);
            for (var g = 0; g < groups.Count; g++)
            {
                postingOf[groups[g].Key] = first + g;
                postings.Add(new Posting(council.Key, first + g, groups[g].Key.PostedAt, groups[g].Key.PostedBy, groups[g].Key.Reason,
                    groups[g].Key.SourceRule, g == 0 ? batchKey : null));
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Council == council.Key)
                {
                    lines[i] = new Line(rows[i], postingOf[(rows[i].PostedAt, rows[i].PostedBy, rows[i].Reason, rows[i].SourceRule)]);
                }
            }
        }

        if (batchKey is not null)
        {
            // The batch claims its key first: if a batch with the key was posted (or is being posted by a transaction
            // that then commits), the insert does nothing and neither does the batch.
            var claimed = await dialect.InsertNewAsync(connection, tx, PostingTable, Posting.Shape, [postings[0]],
                "council_id, batch_key) where (batch_key is not null", ct);
            if (claimed.Count == 0)
            {
                return null;
            }

            postings.RemoveAt(0);
        }


        // Written in id order: ids follow the accounts, so both the key and the balance index are written in order.
        var ordered = lines.OrderBy(l => l.Entry.Council.Value).ThenBy(l => l.Entry.EntryId).ToList();
        IReadOnlyList<Line> written = ordered.All(l => l.Entry.IdempotencyKey is null)
            ? await WriteAllLinesAsync(dialect, connection, tx, ordered, ct)
            : await dialect.WriteNewAsync(connection, tx, LineTable, Line.Shape, ordered,
                // The key's unique index is partial (entries posted under a batch key have none), so the conflict
                // target names its predicate.
                "council_id, idempotency_key) where (idempotency_key is not null", "ledger_line_idempotency", BulkThreshold, ct);
        // The postings go in after their lines, and only those with a line written: a retry whose entries were all
        // posted before leaves no posting behind (nothing could remove it, as postings are never deleted).
        var used = written.Count == rows.Count ? null : written.Select(l => l.PostingId).ToHashSet();
        await dialect.WriteAllAsync(connection, tx, PostingTable, Posting.Shape,
            used is null ? postings : postings.Where(p => used.Contains(p.PostingId)).ToList(), ct);
        if (written.Count == rows.Count)
        {
            return rows;
        }

        var kept = written.Select(l => l.Entry).ToHashSet(ReferenceEqualityComparer.Instance);
        return rows.Where(kept.Contains).ToList();
    }

    private static async Task<IReadOnlyList<Line>> WriteAllLinesAsync(SqlDialect dialect, DbConnection connection, DbTransaction tx, IReadOnlyList<Line> lines, CancellationToken ct)
    {
        await dialect.WriteAllAsync(connection, tx, LineTable, Line.Shape, lines, ct);
        return lines;
    }

    /// <summary>One entry as <c>ledger_line</c> holds it: the entry's numbers and its posting.</summary>
    public readonly record struct Line(PostedEntry Entry, long PostingId)
    {
        /// <summary>The columns of <c>ledger_line</c> (also what the ledger benchmark writes raw).</summary>
        public static BulkTable<Line> Shape { get; } = new BulkTable<Line>()
            .Int4("council_id", r => r.Entry.Council.Value)
            .Date("effective_date", r => r.Entry.EffectiveDate)
            .Int8("entry_id", r => r.Entry.EntryId)
            .Int8("account_id", r => r.Entry.AccountId)
            .Int8("posting_id", r => r.PostingId)
            .Money("amount_pence", r => r.Entry.Amount)
            .Int8("reverses_entry_id", r => r.Entry.ReversesEntryId)
            .Int2("financial_year", r => checked((short)r.Entry.Year.StartYear))
            .Int2("kind", r => (short)r.Entry.Kind)
            .Int2("debit_book", r => (short)r.Entry.Debit)
            .Int2("credit_book", r => (short)r.Entry.Credit)
            .Text("idempotency_key", r => r.Entry.IdempotencyKey);
    }

    /// <summary>One posting as <c>ledger_posting</c> holds it: who, when, why and which rule, once for its entries.</summary>
    public sealed record Posting(CouncilId Council, long PostingId, Instant PostedAt, string PostedBy, string Reason, string SourceRule, string? BatchKey)
    {
        public static BulkTable<Posting> Shape { get; } = new BulkTable<Posting>()
            .Int4("council_id", r => r.Council.Value)
            .Int8("posting_id", r => r.PostingId)
            .Instant("posted_at", r => r.PostedAt)
            .Text("posted_by", r => r.PostedBy)
            .Text("reason", r => r.Reason)
            .Text("source_rule", r => r.SourceRule)
            .Text("batch_key", r => r.BatchKey);
    }
}
