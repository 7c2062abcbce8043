#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Statements;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// Imports a payment file (camt.053 statement, bank CSV or payment agent file), all or nothing. The file is
/// parsed first; a file with any bad line is refused, naming the line and field, and nothing is written. Then,
/// in one transaction: the import is recorded by the SHA-256 of the file's bytes (so the same file again posts
/// nothing), each credit whose reference is a valid reference of one of the council's accounts is posted as a
/// Payment entry (split over financial years, oldest first unless the payer names one), and every other credit
/// goes to the suspense queue with the reason.
/// </summary>
public static class ImportPayments
{
    private const int PostingChunk = 20_000;

    /// <param name="Layout">A <see cref="BankCsvLayout"/> for bank CSV, an <see cref="AgentFileLayout"/> for agent files, null for camt.053.</param>
    public sealed record Request(CouncilId Council, string FileName, byte[] Content, PaymentFileFormat Format, object? Layout, string Officer);

    public sealed record ReasonTotal(SuspenseReason Reason, int Count, Money Total);

    public sealed record Report(
        long ImportId,
        string FileName,
        PaymentFileFormat Format,
        int Credits,
        int NotCredits,
        int PostedCount,
        Money PostedTotal,
        int EntriesPosted,
        int SuspenseCount,
        Money SuspenseTotal,
        IReadOnlyList<ReasonTotal> SuspenseByReason);

    public abstract record Result
    {
        private Result()
        {
        }

        /// <summary>Nothing was written; <see cref="Field"/> names the line and field ("line 4: amount").</summary>
        public sealed record Refused(string Field, string Message) : Result;

        /// <summary>The same file (by SHA-256) was imported before; nothing was posted this time.</summary>
        public sealed record AlreadyImported(long ImportId, string FileName, Instant ImportedAt, string ImportedBy) : Result;

        public sealed record Imported(Report Report) : Result;
    }

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static Task<Result> ImportAsync(ReeveDatabase db, Request request, Instant now, CancellationToken ct = default) =>
        ImportAsync(db, request, now, PostingChunk, ct);

    /// <param name="postingChunk">How many lines' entries are made and posted at a time (tests make it small to cross chunks).</param>
    internal static async Task<Result> ImportAsync(ReeveDatabase db, Request request, Instant now, int postingChunk, CancellationToken ct = default)
    {
        // The same bytes were either imported before or refused before: a file already imported is known by its
        // hash alone, before the (much longer) parse, so a re-run of a large statement returns at once.
        var sha = Sha256Of(request.Content);
        await using (var lookup = await db.OpenAsync(ct))
        {
            if (await PreviousImportAsync(lookup, null, request.Council, sha) is { } earlier)
            {
                return earlier;
            }
        }

        var parsed = Parse(request);
        if (parsed is Outcome<ReceiptFile>.Invalid invalid)
        {
            return new Result.Refused(invalid.Field, invalid.Message);
        }

        var file = ((Outcome<ReceiptFile>.Done)parsed).Value;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await PreviousImportAsync(connection, tx, request.Council, sha) is { } previous)
        {
            return previous;
        }

        var report = await PostAsync(connection, tx, request, file, sha, now, postingChunk, ct);
        if (report is Outcome<Report>.Done done)
        {
            await tx.CommitAsync(ct);
            return new Result.Imported(done.Value);
        }

        await tx.RollbackAsync(ct);
        return report switch
        {
            Outcome<Report>.Invalid i => new Result.Refused(i.Field, i.Message),
            Outcome<Report>.Conflict c => new Result.Refused("file", c.Message),
            Outcome<Report>.NotFound n => new Result.Refused("file", $"{n.What} was not found"),
            _ => throw new InvalidOperationException($"Unexpected result {report}"),
        };
    }

    private static Outcome<ReceiptFile> Parse(Request request)
    {
        if (!System.Text.Unicode.Utf8.IsValid(request.Content))
        {
            return new Outcome<ReceiptFile>.Invalid("file", "The file is not UTF-8 text: it may be corrupt or in another format");
        }

        // CSV files are read line by line from the bytes; a camt.053 statement is XML and is read whole.
        TextReader Lines() => new StreamReader(new MemoryStream(request.Content, writable: false), Utf8, detectEncodingFromByteOrderMarks: true);
        return (request.Format, request.Layout) switch
        {
            (PaymentFileFormat.Camt053, _) => Camt053Statement.Parse(Utf8.GetString(request.Content).TrimStart('\uFEFF')) switch
            {
                Outcome<Camt053Statement>.Done d => ReceiptReader.From(d.Value),
                Outcome<Camt053Statement>.Invalid i => new Outcome<ReceiptFile>.Invalid(i.Field, i.Message),
                var other => throw new InvalidOperationException($"Unexpected parse result {other}"),
            },
            (PaymentFileFormat.BankCsv, BankCsvLayout layout) => BankCsvStatement.Parse(Lines(), layout) switch
            {
                Outcome<IReadOnlyList<BankCsvLine>>.Done d => ReceiptReader.From(d.Value),
                Outcome<IReadOnlyList<BankCsvLine>>.Invalid i => new Outcome<ReceiptFile>.Invalid(i.Field, i.Message),
                var other => throw new InvalidOperationException($"Unexpected parse result {other}"),
            },
            (PaymentFileFormat.AgentCsv, AgentFileLayout layout) => AgentPaymentFile.Parse(Lines(), layout) switch
            {
                Outcome<AgentPaymentFile>.Done d => ReceiptReader.From(d.Value),
                Outcome<AgentPaymentFile>.Invalid i => new Outcome<ReceiptFile>.Invalid(i.Field, i.Message),
                var other => throw new InvalidOperationException($"Unexpected parse result {other}"),
            },
            _ => new Outcome<ReceiptFile>.Invalid("layout", $"A {request.Format.Code()} file needs a {(request.Format == PaymentFileFormat.BankCsv ? "bank CSV" : "payment agent")} layout"),
        };
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static async Task<Result.AlreadyImported?> PreviousImportAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string sha)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ImportRow>(
            "select import_id, file_name, imported_at, imported_by from payment_import where council_id = @council and sha256 = @sha",
            new { council = council.Value, sha }, tx);
        return row is null ? null : new Result.AlreadyImported(row.import_id, row.file_name, DapperSetup.ReadInstant(row.imported_at), row.imported_by);
    }

    private static async Task<Outcome<Report>> PostAsync(
        DbConnection connection, DbTransaction tx, Request request, ReceiptFile file, string sha, Instant now, int postingChunk, CancellationToken ct)
    {
        var council = request.Council;
        var readings = file.Receipts.Select(r => (Receipt: r, Reading: PayerReference.Read(r.ReferenceText))).ToList();
        var accounts = await PaymentAccounts.FindAsync(connection, tx, council,
            readings.Select(r => r.Reading).OfType<ReferenceReading.Found>().Select(f => f.Reference));
        var outstanding = await PaymentAccounts.OutstandingByYearAsync(connection, tx, council, accounts.Values);

        var suspense = new List<(Receipt Receipt, SuspenseReason Reason)>();
        var postedTotal = Money.Zero;
        foreach (var (receipt, reading) in readings)
        {
            if (AccountNamed(reading, accounts) is not null)
            {
                postedTotal += receipt.Amount;
            }
            else
            {
                suspense.Add((receipt, reading is ReferenceReading.NotFound nf ? nf.Reason : SuspenseReason.NoSuchAccount));
            }
        }

        var postedCount = readings.Count - suspense.Count;
        var suspenseTotal = Money.Sum(suspense.Select(s => s.Receipt.Amount));
        var pg = connection is Npgsql.NpgsqlConnection;
        var importId = await IdAllocator.ReserveAsync(connection, tx, council, "payment_import", 1);
        await connection.ExecuteAsync(
            "insert into payment_import (council_id, import_id, sha256, file_name, format, credits, posted_count, posted_pence, suspense_count, suspense_pence, imported_at, imported_by) " +
            "values (@council, @importId, @sha, @fileName, @format, @credits, @postedCount, @postedPence, @suspenseCount, @suspensePence, @now, @officer)",
            new
            {
                council = council.Value, importId, sha, fileName = request.FileName, format = request.Format.Code(), credits = readings.Count,
                postedCount, postedPence = postedTotal.Pence, suspenseCount = suspense.Count, suspensePence = suspenseTotal.Pence,
                now = DapperSetup.ToDb(now, pg), officer = request.Officer,
            },
            tx);

        // The bank's figure for each day of the file, for the daily reconciliation (ReconcileDay).
        await connection.ExecuteAsync(
            "insert into payment_import_day (council_id, import_id, paid_on, credits, credit_pence) values (@council, @importId, @day, @count, @pence)",
            readings.GroupBy(r => r.Receipt.PaidOn).Select(g => new
            {
                council = council.Value, importId, day = DapperSetup.ToDb(g.Key, pg), count = g.Count(), pence = Money.Sum(g.Select(r => r.Receipt.Amount)).Pence,
            }),
            tx);

        var entriesPosted = 0;
        foreach (var chunk in readings.Chunk(postingChunk))
        {
            var posted = await PostEntries.PostAsync(connection, tx, EntriesFor(request, chunk, accounts, outstanding, sha), now, ct);
            if (posted is not Outcome<PostResult>.Done postedEntries)
            {
                return posted switch
                {
                    Outcome<PostResult>.Invalid i => new Outcome<Report>.Invalid(i.Field, i.Message),
                    _ => throw new InvalidOperationException($"Posting payments failed: {posted}"),
                };
            }

            entriesPosted += postedEntries.Value.Posted.Count;
        }

        await SuspenseQueue.AddAsync(connection, tx, council, importId, request.Format.Channel(),
            suspense.Select(s => new SuspenseQueue.NewItem(s.Receipt, s.Reason)).ToList(), now, ct);

        var byReason = suspense.GroupBy(s => s.Reason).OrderBy(g => g.Key)
            .Select(g => new ReasonTotal(g.Key, g.Count(), Money.Sum(g.Select(s => s.Receipt.Amount)))).ToList();
        return new Report(importId, request.FileName, request.Format, readings.Count, file.NotCredits, postedCount, postedTotal,
            entriesPosted, suspense.Count, suspenseTotal, byReason);
    }

    /// <summary>
    /// The ledger entries for the lines of one chunk that name an account. Made and posted a chunk at a time, all in
    /// the import's one transaction, so a million-line statement never holds a million entries in memory at once.
    /// </summary>
    private static List<NewEntry> EntriesFor(
        Request request, (Receipt Receipt, ReferenceReading Reading)[] chunk, IReadOnlyDictionary<AccountReference, long> accounts,
        Dictionary<long, Dictionary<FinancialYear, Money>> outstanding, string sha)
    {
        var entries = new List<NewEntry>(chunk.Length);
        var channel = request.Format.Channel();
        var format = request.Format.Code();
        foreach (var (receipt, reading) in chunk)
        {
            if (AccountNamed(reading, accounts) is { } accountId)
            {
                entries.AddRange(PaymentAccounts.EntriesFor(request.Council, accountId, receipt.Amount, receipt.PaidOn, receipt.ReferenceText, outstanding,
                    request.Officer, $"{channel}, bank reference {receipt.BankReference}",
                    $"Payment received: {format} line {receipt.Line}", $"payment:{sha}:{receipt.Line}"));
            }
        }

        return entries;
    }

    /// <summary>The account a line's reference names, if it is one of the council's; otherwise the line goes to suspense.</summary>
    private static long? AccountNamed(ReferenceReading reading, IReadOnlyDictionary<AccountReference, long> accounts) =>
        reading is ReferenceReading.Found found && accounts.TryGetValue(found.Reference, out var accountId) ? accountId : null;

    private sealed class ImportRow
    {
        public long import_id { get; set; }
        public string file_name { get; set; } = "";
        public object imported_at { get; set; } = "";
        public string imported_by { get; set; } = "";
    }
}
