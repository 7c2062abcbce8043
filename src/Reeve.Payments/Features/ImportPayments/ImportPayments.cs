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
/// parsed first; a file with any bad line is refused, naming the line and field, and nothing is written. A
/// camt.053 statement is taken only for a bank account the council has recorded (<see cref="CouncilBankAccounts"/>);
/// a statement for another account, or not in sterling, or whose totals disagree, is refused alone and named.
/// Then, in one transaction: the import is recorded by the SHA-256 of the file's bytes (so the same file again
/// returns at once), and each bank entry by its own key (<see cref="Receipt.EntryKey"/>): an entry already met in
/// an earlier file is reported as a duplicate and posted nothing, whatever file it came in. Each new credit whose
/// reference is a valid reference of one of the council's accounts is posted as a Payment entry (split over
/// financial years, oldest first unless the payer names one), and every other credit goes to the suspense queue
/// with the reason. A debit taking back an earlier credit reverses that credit's postings when they can be
/// found, and otherwise waits for an officer (docs/domain/bank-statements.md).
/// </summary>
public static class ImportPayments
{
    private const int PostingChunk = 20_000;

    /// <param name="Layout">A <see cref="BankCsvLayout"/> for bank CSV, an <see cref="AgentFileLayout"/> for agent files, null for camt.053.</param>
    public sealed record Request(CouncilId Council, string FileName, byte[] Content, PaymentFileFormat Format, object? Layout, string Officer);

    public sealed record ReasonTotal(SuspenseReason Reason, int Count, Money Total);

    /// <summary>One statement of a camt.053 file: taken (into the bank account named) or refused, with the element and why.</summary>
    public sealed record StatementOutcome(int Number, string StatementId, string Account, string? BankAccountName, int Entries, string? RefusedField, string? RefusedMessage);

    /// <summary>A debit that took back an earlier credit: reversed on the ledger, or left for an officer with why.</summary>
    public sealed record TakeBackOutcome(string Line, string BankReference, Money Amount, bool Reversed, string Note);

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
        IReadOnlyList<ReasonTotal> SuspenseByReason,
        int Duplicates,
        Money DuplicateTotal,
        int Pending,
        Money PendingTotal,
        IReadOnlyList<StatementOutcome> Statements,
        IReadOnlyList<TakeBackOutcome> TakeBacks);

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
        if (parsed is Outcome<ParsedFile>.Invalid invalid)
        {
            return new Result.Refused(invalid.Field, invalid.Message);
        }

        var file = ((Outcome<ParsedFile>.Done)parsed).Value;
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

    /// <summary>A parsed file: a camt.053 file, whose statements are taken or refused once their accounts are looked up, or a file's receipts.</summary>
    private sealed record ParsedFile(Camt053File? Camt, ReceiptFile? Receipts);

    private static Outcome<ParsedFile> Parse(Request request)
    {
        if (!System.Text.Unicode.Utf8.IsValid(request.Content))
        {
            return new Outcome<ParsedFile>.Invalid("file", "The file is not UTF-8 text: it may be corrupt or in another format");
        }

        // CSV files are read line by line from the bytes; a camt.053 statement is XML and is read whole.
        TextReader Lines() => new StreamReader(new MemoryStream(request.Content, writable: false), Utf8, detectEncodingFromByteOrderMarks: true);
        return (request.Format, request.Layout) switch
        {
            (PaymentFileFormat.Camt053, _) => Camt053File.Parse(Utf8.GetString(request.Content).TrimStart('\uFEFF')) switch
            {
                Outcome<Camt053File>.Done d => new ParsedFile(d.Value, null),
                Outcome<Camt053File>.Invalid i => new Outcome<ParsedFile>.Invalid(i.Field, i.Message),
                var other => throw new InvalidOperationException($"Unexpected parse result {other}"),
            },
            (PaymentFileFormat.BankCsv, BankCsvLayout layout) => BankCsvStatement.Parse(Lines(), layout) switch
            {
                Outcome<IReadOnlyList<BankCsvLine>>.Done d => new ParsedFile(null, ReceiptReader.From(d.Value)),
                Outcome<IReadOnlyList<BankCsvLine>>.Invalid i => new Outcome<ParsedFile>.Invalid(i.Field, i.Message),
                var other => throw new InvalidOperationException($"Unexpected parse result {other}"),
            },
            (PaymentFileFormat.AgentCsv, AgentFileLayout layout) => AgentPaymentFile.Parse(Lines(), layout) switch
            {
                Outcome<AgentPaymentFile>.Done d => new ParsedFile(null, ReceiptReader.From(d.Value)),
                Outcome<AgentPaymentFile>.Invalid i => new Outcome<ParsedFile>.Invalid(i.Field, i.Message),
                var other => throw new InvalidOperationException($"Unexpected parse result {other}"),
            },
            _ => new Outcome<ParsedFile>.Invalid("layout", $"A {request.Format.Code()} file needs a {(request.Format == PaymentFileFormat.BankCsv ? "bank CSV" : "payment agent")} layout"),
        };
    }

    /// <summary>
    /// Each statement of a camt.053 file taken or refused: its account must be one the council has recorded (an
    /// account another council recorded is refused here, never posted into this council). The receipts of the
    /// statements taken, each keyed within its bank account.
    /// </summary>
    private static async Task<(ReceiptFile? Receipts, IReadOnlyList<StatementOutcome> Statements)> TakeStatementsAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, Camt053File camt)
    {
        var outcomes = new List<StatementOutcome>();
        var parts = new List<ReceiptFile>();
        foreach (var statement in camt.Statements)
        {
            var refusal = statement.Refusal;
            var account = refusal is null ? await CouncilBankAccounts.FindAsync(connection, tx, statement.Account) : null;
            refusal ??= account switch
            {
                null => new StatementRefusal(statement.At + "/Acct/Id",
                    $"The account {statement.Account.Display} is not one of the council's recorded bank accounts ('reeve payments bank-accounts add' records one)"),
                _ when account.Council != council => new StatementRefusal(statement.At + "/Acct/Id",
                    $"The account {statement.Account.Display} is recorded by another council: import the file for that council"),
                _ when account.Currency != "GBP" => new StatementRefusal(statement.At + "/Acct/Id", $"The account {account.Display} is recorded in {account.Currency}, not sterling"),
                _ => null,
            };
            outcomes.Add(new StatementOutcome(statement.Number, statement.StatementId, statement.Account.Display, refusal is null ? account!.Name : null,
                statement.EntryCount, refusal?.Field, refusal?.Message));
            if (refusal is null)
            {
                parts.Add(ReceiptReader.From(statement, account!.Scope));
            }
        }

        if (parts.Count == 0)
        {
            return (null, outcomes);
        }

        return (new ReceiptFile(parts.SelectMany(p => p.Receipts).ToList(), parts.Sum(p => p.NotCredits))
        {
            TakeBacks = parts.SelectMany(p => p.TakeBacks).ToList(),
            Pending = parts.Sum(p => p.Pending),
            PendingTotal = Money.Sum(parts.Select(p => p.PendingTotal)),
        }, outcomes);
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static async Task<Result.AlreadyImported?> PreviousImportAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string sha)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ImportRow>(
            "select import_id, file_name, imported_at, imported_by from payment_import where council_id = @council and sha256 = @sha",
            new { council = council.Value, sha }, tx);
        return row is null ? null : new Result.AlreadyImported(row.import_id, row.file_name, row.imported_at, row.imported_by);
    }

    private static async Task<Outcome<Report>> PostAsync(
        DbConnection connection, DbTransaction tx, Request request, ParsedFile parsed, string sha, Instant now, int postingChunk, CancellationToken ct)
    {
        var council = request.Council;
        IReadOnlyList<StatementOutcome> statements = [];
        var file = parsed.Receipts;
        if (parsed.Camt is { } camt)
        {
            (file, statements) = await TakeStatementsAsync(connection, tx, council, camt);
            if (file is null)
            {
                var first = statements.First(s => s.RefusedField is not null);
                return new Outcome<Report>.Invalid(first.RefusedField!,
                    statements.Count == 1 ? first.RefusedMessage! : $"{first.RefusedMessage} (and no other statement of the file could be taken either)");
            }
        }

        // Each bank entry once, whatever file it comes in: an entry whose key is known already (or met earlier in this
        // file) is a duplicate, reported and not posted.
        var known = await BankEntries.KnownAsync(connection, tx, council,
            file!.Receipts.Select(r => (r.Scope, r.EntryKey, r.PaidOn)).Concat(file.TakeBacks.Select(t => (t.Scope, BankEntries.TakeBackKey(t.Entry), t.Entry.BookingDate))));
        var fresh = new List<Receipt>(file.Receipts.Count);
        var duplicates = new List<(Receipt Receipt, string Note)>();
        foreach (var receipt in file.Receipts)
        {
            if (known.Seen(receipt.Scope, receipt.EntryKey, receipt.KeySource == nameof(EntryKeySource.Fingerprint)) is { } note)
            {
                duplicates.Add((receipt, note));
            }
            else
            {
                fresh.Add(receipt);
            }
        }

        // What each payer wrote is read twice (once for the references to look up, once to match) rather than a
        // million readings kept: each fresh line keeps only the id of the account it pays (0 for suspense).
        var accounts = await PaymentAccounts.FindAsync(connection, tx, council,
            fresh.Where(r => r.Kind == ReceiptKind.Payment).Select(r => PayerReference.Read(r.ReferenceText)).OfType<ReferenceReading.Found>().Select(f => f.Reference));
        var outstanding = await PaymentAccounts.OutstandingByYearAsync(connection, tx, council, accounts.Values);

        var accountOf = new long[fresh.Count];
        var suspense = new List<(Receipt Receipt, SuspenseReason Reason)>();
        var postedTotal = Money.Zero;
        var days = new SortedDictionary<LocalDate, (int Count, Money Total)>();
        for (var i = 0; i < fresh.Count; i++)
        {
            var receipt = fresh[i];
            var reading = PayerReference.Read(receipt.ReferenceText);
            var day = days.GetValueOrDefault(receipt.PaidOn);
            days[receipt.PaidOn] = (day.Count + 1, day.Total + receipt.Amount);
            if (AccountNamed(receipt, reading, accounts) is { } accountId)
            {
                accountOf[i] = accountId;
                postedTotal += receipt.Amount;
            }
            else
            {
                suspense.Add((receipt, receipt.Kind switch
                {
                    ReceiptKind.MoneyBack => SuspenseReason.MoneyReturned,
                    ReceiptKind.AmountsDisagree => SuspenseReason.AmountsDisagree,
                    ReceiptKind.Payment => reading is ReferenceReading.NotFound nf ? nf.Reason : SuspenseReason.NoSuchAccount,
                }));
            }
        }

        var postedCount = fresh.Count - suspense.Count;
        var suspenseTotal = Money.Sum(suspense.Select(s => s.Receipt.Amount));
        var importId = await IdAllocator.ReserveAsync(connection, tx, council, "payment_import", 1);

        // A file with a statement refused (an account not yet recorded, say) is not known by its bytes alone, so the
        // same file can be imported again once the cause is put right: its refused statement posts then, and the
        // entries of the statements taken now are duplicates. Its imports are told apart by their ids.
        sha = statements.Any(s => s.RefusedField is not null) ? $"{sha}~{importId.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : sha;
        await connection.ExecuteAsync(
            "insert into payment_import (council_id, import_id, sha256, file_name, format, credits, posted_count, posted_pence, suspense_count, suspense_pence, imported_at, imported_by) " +
            "values (@council, @importId, @sha, @fileName, @format, @credits, @postedCount, @postedPence, @suspenseCount, @suspensePence, @now, @officer)",
            new
            {
                council = council.Value, importId, sha, fileName = request.FileName, format = request.Format.Code(), credits = fresh.Count,
                postedCount, postedPence = postedTotal.Pence, suspenseCount = suspense.Count, suspensePence = suspenseTotal.Pence,
                now, officer = request.Officer,
            },
            tx);

        // The bank's figure for each day of the file, for the daily reconciliation (ReconcileDay).
        await connection.ExecuteAsync(
            "insert into payment_import_day (council_id, import_id, paid_on, credits, credit_pence) values (@council, @importId, @day, @count, @pence)",
            days.Select(d => new { council = council.Value, importId, day = d.Key, count = d.Value.Count, pence = d.Value.Total.Pence }),
            tx);

        var entriesPosted = 0;
        for (var start = 0; start < fresh.Count; start += postingChunk)
        {
            var end = Math.Min(start + postingChunk, fresh.Count);
            var posted = await PostEntries.PostAsync(connection, tx, EntriesFor(request, fresh, accountOf, start, end, outstanding, sha), now, ct);
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

        var takeBacks = await BankEntries.TakeBackAsync(connection, tx, council, file.TakeBacks, known, request.Officer, now);
        // Made a chunk at a time as they are written, not all at once: a million-line statement is a million rows.
        await BankEntries.RecordAsync(connection, tx, council, importId,
            fresh.Select((r, i) => BankEntries.Row(r, accountOf[i] == 0 ? "suspense" : "posted", null))
                .Concat(duplicates.Select(d => BankEntries.Row(d.Receipt, "duplicate", d.Note)))
                .Concat(takeBacks.Select(t => t.Row)), ct);

        var byReason = suspense.GroupBy(s => s.Reason).OrderBy(g => g.Key)
            .Select(g => new ReasonTotal(g.Key, g.Count(), Money.Sum(g.Select(s => s.Receipt.Amount)))).ToList();
        return new Report(importId, request.FileName, request.Format, fresh.Count, file.NotCredits, postedCount, postedTotal,
            entriesPosted, suspense.Count, suspenseTotal, byReason, duplicates.Count, Money.Sum(duplicates.Select(d => d.Receipt.Amount)),
            file.Pending, file.PendingTotal, statements, takeBacks.Select(t => t.Outcome).ToList());
    }

    /// <summary>
    /// The ledger entries for the lines <paramref name="start"/> to <paramref name="end"/> (exclusive) that pay an
    /// account. Made and posted a chunk at a time, all in the import's one transaction, so a million-line statement
    /// never holds a million entries in memory at once.
    /// </summary>
    private static List<NewEntry> EntriesFor(
        Request request, List<Receipt> fresh, long[] accountOf, int start, int end, Dictionary<long, Dictionary<FinancialYear, Money>> outstanding, string sha)
    {
        var entries = new List<NewEntry>(end - start);
        var channel = request.Format.Channel();
        var format = request.Format.Code();
        for (var i = start; i < end; i++)
        {
            var (receipt, accountId) = (fresh[i], accountOf[i]);
            if (accountId != 0)
            {
                entries.AddRange(PaymentAccounts.EntriesFor(request.Council, accountId, receipt.Amount, receipt.PaidOn, receipt.ReferenceText, outstanding,
                    request.Officer, $"{channel}, bank reference {receipt.BankReference}",
                    $"Payment received: {format} line {receipt.Line}", $"payment:{sha}:{receipt.Line}"));
            }
        }

        return entries;
    }

    /// <summary>The account a payment's reference names, if it is one of the council's; otherwise (and for money that is not a payer's) it goes to suspense.</summary>
    private static long? AccountNamed(Receipt receipt, ReferenceReading reading, IReadOnlyDictionary<string, long> accounts) =>
        receipt.Kind == ReceiptKind.Payment && reading is ReferenceReading.Found found && accounts.TryGetValue(found.Reference.Value, out var accountId) ? accountId : null;

    private sealed class ImportRow
    {
        public long import_id { get; set; }
        public string file_name { get; set; } = "";
        public Instant imported_at { get; set; }
        public string imported_by { get; set; } = "";
    }
}
