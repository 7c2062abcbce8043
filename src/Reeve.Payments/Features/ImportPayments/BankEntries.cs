using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Statements;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.Payments;

/// <summary>
/// The bank entries imports have met (bank_entry), by the bank's own key for each: so that an entry is posted once
/// whatever file it arrives in, and a debit that takes back a credit can find the credit's postings.
/// </summary>
public static class BankEntries
{
    // Keys looked up at a time (SQLite makes a parameter of each).
    private const int LookupChunk = 2_000;

    internal sealed record NewRow(string Line, string Scope, string Key, string KeySource, LocalDate BookedOn, Money Amount, string? EndToEndId, string Outcome, string? Note);

    private sealed record Written(CouncilId Council, long ImportId, NewRow Row)
    {
        public static readonly BulkTable<Written> Shape = new BulkTable<Written>()
            .Int4("council_id", w => w.Council.Value).Int8("import_id", w => w.ImportId).Text("line", w => w.Row.Line).Text("scope", w => w.Row.Scope)
            .Text("entry_key", w => w.Row.Key).Text("key_source", w => w.Row.KeySource).Date("booked_on", w => w.Row.BookedOn)
            .Money("amount_pence", w => w.Row.Amount).Text("end_to_end_id", w => w.Row.EndToEndId).Text("outcome", w => w.Row.Outcome).Text("note", w => w.Row.Note);
    }

    /// <summary>The keys of a chunk already met (in an earlier import, or earlier in this one), and those met so far in the chunk.</summary>
    internal sealed class Known(Dictionary<(string Scope, string Key), long> earlier, long importId)
    {
        private readonly HashSet<(string, string)> _thisChunk = [];

        /// <summary>Why the entry is a duplicate (the import that met it first, or earlier in this file), or null for a new one.</summary>
        public string? Seen(string scope, string key, bool uniqueInFile = false)
        {
            if (earlier.TryGetValue((scope, key), out var metIn))
            {
                return metIn == importId ? "met earlier in this file" : $"already met in import {metIn.ToString(CultureInfo.InvariantCulture)}";
            }

            // A fingerprint key carries its place among alike lines, so it cannot repeat in one file; other keys can.
            return uniqueInFile || _thisChunk.Add((scope, key)) ? null : "met earlier in this file";
        }
    }

    /// <summary>The key of a debit taking back a credit: its own, kept apart from the credit's (banks often repeat the credit's reference).</summary>
    internal static string TakeBackKey(CamtEntry entry) => "rvsl:" + entry.Key;

    /// <summary>
    /// Which of these keys an import has met before: looked up by key in the index that keeps each entry once, so
    /// the work follows the chunk, whatever the table holds, and an entry is found however far its date has moved.
    /// The rows the import being run wrote for its earlier chunks are found too.
    /// </summary>
    internal static async Task<Known> KnownAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long importId, IEnumerable<(string Scope, string Key)> keys)
    {
        var earlier = new Dictionary<(string, string), long>();
        foreach (var scope in keys.GroupBy(k => k.Scope, k => k.Key, StringComparer.Ordinal))
        {
            foreach (var chunk in SqlLists.Chunks(scope, LookupChunk))
            {
                var rows = await connection.QueryAsync<(string Key, long ImportId)>(
                    $"select entry_key, import_id from bank_entry where council_id = @council and scope = @scope and entry_key {SqlLists.AnyOf(connection, "keys")} and outcome <> 'duplicate'",
                    new { council = council.Value, scope = scope.Key, keys = chunk }, tx);
                foreach (var (key, metIn) in rows)
                {
                    earlier[(scope.Key, key)] = metIn;
                }
            }
        }

        return new Known(earlier, importId);
    }

    internal static NewRow Row(Receipt r, string outcome) =>
        new(r.Line, r.Scope, r.EntryKey, r.KeySource, r.PaidOn, r.Amount, r.EndToEndId, outcome, null);

    internal static async Task RecordAsync(DbConnection connection, DbTransaction tx, CouncilId council, long importId, IReadOnlyList<NewRow> rows, CancellationToken ct) =>
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "bank_entry", Written.Shape, rows.Select(r => new Written(council, importId, r)).ToList(), ct);

    /// <summary>
    /// Records a chunk of an import's entries, each once: one whose key was met before (in an earlier import, or
    /// earlier in this one) is refused by the index that keeps each entry once, and is recorded instead as a duplicate,
    /// saying where it was met. On PostgreSQL the chunk is one binary COPY, and only a chunk holding such an entry is
    /// written again row by row; so the entries met before are found by the index's own check, with no search of
    /// the table, whose plan could not be trusted while the import is filling it. Returns the places in
    /// <paramref name="rows"/> of the duplicates.
    /// </summary>
    internal static async Task<HashSet<int>> RecordNewAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long importId, IReadOnlyList<NewRow> rows, CancellationToken ct)
    {
        var dialect = SqlDialect.Of(connection);
        var all = rows.Select(r => new Written(council, importId, r)).ToList();
        var written = await dialect.WriteNewAsync(connection, tx, "bank_entry", Written.Shape, all, OnceColumns, "bank_entry_once", 1, ct);
        var duplicates = new HashSet<int>();
        if (written.Count == all.Count)
        {
            return duplicates;
        }

        var kept = written.ToHashSet(ReferenceEqualityComparer.Instance);
        var refused = new List<NewRow>();
        for (var i = 0; i < all.Count; i++)
        {
            if (!kept.Contains(all[i]))
            {
                duplicates.Add(i);
                refused.Add(rows[i]);
            }
        }

        var known = await KnownAsync(connection, tx, council, importId, refused.Select(r => (r.Scope, r.Key)));
        await RecordAsync(connection, tx, council, importId,
            refused.Select(r => r with { Outcome = "duplicate", Note = known.Seen(r.Scope, r.Key, uniqueInFile: true) ?? "met before" }).ToList(), ct);
        return duplicates;
    }

    // The conflict target of bank_entry_once, a partial index, which an "on conflict" names with its condition.
    private const string OnceColumns = "council_id, scope, entry_key) where (outcome <> 'duplicate'";

    /// <summary>
    /// Each debit that takes back an earlier credit (a reversal, a returned credit, a recall, an unpaid cheque): when
    /// exactly one earlier credit of the same account matches it (the same end-to-end id or bank reference, and the
    /// same amount) and that credit was posted, its ledger entries are reversed, linked to them; otherwise the
    /// debit is kept for an officer, saying why (reeve payments suspense list shows them).
    /// </summary>
    internal static async Task<IReadOnlyList<(NewRow Row, ImportPayments.TakeBackOutcome Outcome)>> TakeBackAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long importId, IReadOnlyList<TakeBack> takeBacks, string officer, Instant now)
    {
        var known = await KnownAsync(connection, tx, council, importId, takeBacks.Select(t => (t.Scope, TakeBackKey(t.Entry))));
        var done = new List<(NewRow, ImportPayments.TakeBackOutcome)>();
        foreach (var (entry, scope) in takeBacks)
        {
            var key = TakeBackKey(entry);
            var line = entry.Number.ToString(CultureInfo.InvariantCulture);
            var shown = entry.KeySource == EntryKeySource.Fingerprint ? $"entry {line} (no bank reference)" : entry.Key;
            NewRow RowFor(string outcome, string note) =>
                new(line, scope, key, entry.KeySource.ToString(), entry.BookingDate, entry.Amount, entry.EndToEndIds.FirstOrDefault(), outcome, note);

            if (known.Seen(scope, key) is { } duplicate)
            {
                done.Add((RowFor("duplicate", duplicate), new(line, shown, entry.Amount, false, $"Not taken again: {duplicate}")));
                continue;
            }

            var (reversed, note) = await ReverseCreditAsync(connection, tx, council, entry, scope, shown, officer, now);
            done.Add((RowFor(reversed ? "reversed" : "officer", note), new(line, shown, entry.Amount, reversed, note)));
            if (!reversed)
            {
                await WorkQueue.RaiseAsync(connection, tx, council, BankDebitWork.For(importId, line, entry.Amount, note, now), now);
            }
        }

        return done;
    }

    private static async Task<(bool Reversed, string Note)> ReverseCreditAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, CamtEntry entry, string scope, string shown, string officer, Instant now)
    {
        var endToEnd = entry.EndToEndIds.ToArray();
        var references = entry.Transactions.Select(t => t.BankReference).Where(Camt053File.IsRealReference).OfType<string>()
            .Append(entry.Key).ToArray();
        var candidates = (await connection.QueryAsync<(long ImportId, string Line, string Outcome, string Sha)>(
            "select b.import_id, b.line, b.outcome, p.sha256 from bank_entry b " +
            "join payment_import p on p.council_id = b.council_id and p.import_id = b.import_id " +
            "where b.council_id = @council and b.scope = @scope and b.outcome in ('posted', 'suspense') and b.amount_pence = @amount " +
            $"and (b.end_to_end_id {SqlLists.AnyOf(connection, "endToEnd")} or b.entry_key {SqlLists.AnyOf(connection, "references")})",
            new { council = council.Value, scope, amount = -entry.Amount.Pence, endToEnd, references }, tx)).ToList();
        var what = $"The bank took back {entry.Amount.Abs().ToDisplayString()} ({shown}, {(entry.IsReversal ? "a reversal" : entry.TransactionCode)})";
        if (candidates.Count != 1)
        {
            return (false, candidates.Count == 0
                ? $"{what}: no earlier credit to this account has its end-to-end id or reference and amount; find the payment it takes back"
                : $"{what}: {candidates.Count} earlier credits match it; decide which it takes back");
        }

        var original = candidates[0];
        var from = $"import {original.ImportId.ToString(CultureInfo.InvariantCulture)} line {original.Line}";
        if (original.Outcome == "suspense")
        {
            return (false, $"{what}: the credit it takes back ({from}) went to suspense; take it out of suspense by hand");
        }

        var ledgerKey = $"payment:{original.Sha}:{original.Line}";
        var entryIds = (await PaymentEntries.KeyedFromAsync(connection, council, ledgerKey, tx))
            .Where(p => p.Key == ledgerKey || p.Key!.StartsWith(ledgerKey + ":", StringComparison.Ordinal)).Select(p => p.EntryId).ToList();
        var reversals = new List<long>();
        foreach (var id in entryIds)
        {
            var reversal = await ReverseEntry.ReverseAsync(connection, tx, council, id, entry.BookingDate, officer, $"{what}: reverses the credit of {from}", now);
            if (reversal is not Outcome<PostedEntry>.Done posted)
            {
                return (false, $"{what}: the credit of {from} could not be reversed ({reversal}); look at its ledger entries");
            }

            reversals.Add(posted.Value.EntryId);
        }

        return reversals.Count == 0
            ? (false, $"{what}: the credit of {from} has no payment on the ledger to reverse")
            : (true, $"Reversed the credit of {from}: ledger entries {string.Join(", ", entryIds)} by {string.Join(", ", reversals)}");
    }

    /// <summary>A bank debit waiting for an officer: a reversal, return or recall Reeve could not put against its credit, not yet closed (<see cref="ResolveBankDebit"/>).</summary>
    public sealed record ForOfficer(long ImportId, string FileName, string Line, LocalDate BookedOn, Money Amount, string Note);

    public static async Task<IReadOnlyList<ForOfficer>> ForOfficerAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        (await connection.QueryAsync<(long ImportId, string FileName, string Line, LocalDate BookedOn, Money Amount, string? Note)>(
            "select b.import_id, p.file_name, b.line, b.booked_on, b.amount_pence, b.note from bank_entry b " +
            "join payment_import p on p.council_id = b.council_id and p.import_id = b.import_id " +
            "where b.council_id = @council and b.outcome = 'officer' and not exists (select 1 from bank_debit_resolution r " +
            "where r.council_id = b.council_id and r.import_id = b.import_id and r.line = b.line) order by b.import_id, b.line", new { council = council.Value }, tx))
        .Select(r => new ForOfficer(r.ImportId, r.FileName, r.Line, r.BookedOn, r.Amount, r.Note ?? "")).ToList();
}
