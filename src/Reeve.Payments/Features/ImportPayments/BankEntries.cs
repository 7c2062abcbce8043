using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Statements;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// The bank entries imports have met (bank_entry), by the bank's own key for each: so that an entry is posted once
/// whatever file it arrives in, and a debit that takes back a credit can find the credit's postings.
/// </summary>
public static class BankEntries
{
    private const int WriteChunk = 20_000;

    // A re-sent entry keeps its key and its date; the search for keys met before looks a week either side of the
    // file's dates in case a bank moves a day. The unique index on (scope, key) is the last word either way.
    private static readonly Period Margin = Period.FromDays(7);

    internal sealed record NewRow(string Line, string Scope, string Key, string KeySource, LocalDate BookedOn, Money Amount, string? EndToEndId, string Outcome, string? Note);

    private sealed record Written(CouncilId Council, long ImportId, NewRow Row)
    {
        public static readonly BulkTable<Written> Shape = new BulkTable<Written>()
            .Int4("council_id", w => w.Council.Value).Int8("import_id", w => w.ImportId).Text("line", w => w.Row.Line).Text("scope", w => w.Row.Scope)
            .Text("entry_key", w => w.Row.Key).Text("key_source", w => w.Row.KeySource).Date("booked_on", w => w.Row.BookedOn)
            .Money("amount_pence", w => w.Row.Amount).Text("end_to_end_id", w => w.Row.EndToEndId).Text("outcome", w => w.Row.Outcome).Text("note", w => w.Row.Note);
    }

    /// <summary>The keys already met in each scope, and those met so far in the file being imported.</summary>
    internal sealed class Known(Dictionary<(string Scope, string Key), long> earlier)
    {
        private readonly HashSet<(string, string)> _thisFile = [];

        /// <summary>Why the entry is a duplicate (the import that met it first, or earlier in this file), or null for a new one.</summary>
        public string? Seen(string scope, string key, bool uniqueInFile = false)
        {
            if (earlier.TryGetValue((scope, key), out var importId))
            {
                return $"already met in import {importId.ToString(CultureInfo.InvariantCulture)}";
            }

            // A fingerprint key carries its place among alike lines, so it cannot repeat in one file; other keys can.
            return uniqueInFile || _thisFile.Add((scope, key)) ? null : "met earlier in this file";
        }
    }

    /// <summary>The key of a debit taking back a credit: its own, kept apart from the credit's (banks often repeat the credit's reference).</summary>
    internal static string TakeBackKey(CamtEntry entry) => "rvsl:" + entry.Key;

    internal static async Task<Known> KnownAsync(DbConnection connection, DbTransaction tx, CouncilId council, IEnumerable<(string Scope, string Key, LocalDate Day)> keys)
    {
        var earlier = new Dictionary<(string, string), long>();
        // The days each scope's entries span, in one pass: a million-line file is not grouped into a million tuples.
        var spans = new Dictionary<string, (LocalDate From, LocalDate To)>(StringComparer.Ordinal);
        foreach (var (scopeName, _, day) in keys)
        {
            spans[scopeName] = spans.TryGetValue(scopeName, out var span)
                ? (LocalDate.Min(span.From, day), LocalDate.Max(span.To, day))
                : (day, day);
        }

        foreach (var scope in spans.Select(s => (Scope: s.Key, s.Value.From, s.Value.To)))
        {
            var rows = await connection.QueryAsync<(string Key, long ImportId)>(
                "select entry_key, import_id from bank_entry where council_id = @council and scope = @scope and booked_on between @from and @to and outcome <> 'duplicate'",
                new { council = council.Value, scope = scope.Scope, from = scope.From - Margin, to = scope.To + Margin }, tx);
            foreach (var (key, importId) in rows)
            {
                earlier[(scope.Scope, key)] = importId;
            }
        }

        return new Known(earlier);
    }

    internal static NewRow Row(Receipt r, string outcome, string? note) =>
        new(r.Line, r.Scope, r.EntryKey, r.KeySource, r.PaidOn, r.Amount, r.EndToEndId, outcome, note);

    internal static async Task RecordAsync(DbConnection connection, DbTransaction tx, CouncilId council, long importId, IEnumerable<NewRow> rows, CancellationToken ct)
    {
        var dialect = SqlDialect.Of(connection);
        foreach (var chunk in rows.Chunk(WriteChunk))
        {
            await dialect.WriteAllAsync(connection, tx, "bank_entry", Written.Shape, chunk.Select(r => new Written(council, importId, r)).ToList(), ct);
        }
    }

    /// <summary>
    /// Each debit that takes back an earlier credit (a reversal, a returned credit, a recall, an unpaid cheque): when
    /// exactly one earlier credit of the same account matches it (the same end-to-end id or bank reference, and the
    /// same amount) and that credit was posted, its ledger entries are reversed, linked to them; otherwise the
    /// debit is kept for an officer, saying why (reeve payments suspense list shows them).
    /// </summary>
    internal static async Task<IReadOnlyList<(NewRow Row, ImportPayments.TakeBackOutcome Outcome)>> TakeBackAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<TakeBack> takeBacks, Known known, string officer, Instant now)
    {
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

    /// <summary>A bank debit waiting for an officer: a reversal, return or recall Reeve could not put against its credit.</summary>
    public sealed record ForOfficer(long ImportId, string FileName, string Line, LocalDate BookedOn, Money Amount, string Note);

    public static async Task<IReadOnlyList<ForOfficer>> ForOfficerAsync(DbConnection connection, CouncilId council) =>
        (await connection.QueryAsync<(long ImportId, string FileName, string Line, LocalDate BookedOn, Money Amount, string? Note)>(
            "select b.import_id, p.file_name, b.line, b.booked_on, b.amount_pence, b.note from bank_entry b " +
            "join payment_import p on p.council_id = b.council_id and p.import_id = b.import_id " +
            "where b.council_id = @council and b.outcome = 'officer' order by b.import_id, b.line", new { council = council.Value }))
        .Select(r => new ForOfficer(r.ImportId, r.FileName, r.Line, r.BookedOn, r.Amount, r.Note ?? "")).ToList();
}
