#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
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
/// Imports a payment file (camt.053 statement, bank CSV or payment agent file), all or nothing. A CSV or agent
/// file is read, matched and posted a chunk of lines at a time (<see cref="Chunk"/>) in one transaction, so memory
/// follows the chunk rather than the file; a file with any bad line is refused, naming the line and field, and
/// everything done for the chunks before it is rolled back, so nothing is written. A
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
    /// <summary>How many lines are read, matched and posted at a time.</summary>
    public const int Chunk = 20_000;

    /// <param name="Layout">A <see cref="BankCsvLayout"/> for bank CSV, an <see cref="AgentFileLayout"/> for agent files, null for camt.053.</param>
    /// <param name="Finish">Committed (the default), or a preview: the same work rolled back, reporting what it would post.</param>
    public sealed record Request(CouncilId Council, string FileName, byte[] Content, PaymentFileFormat Format, object? Layout, string Officer, ImportFinish? Finish = null);

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
        ImportAsync(db, request, now, Chunk, null, ct);

    /// <summary>The same, adding the time each step took to <paramref name="phases"/> (what <c>reeve bench payments</c> prints).</summary>
    public static Task<Result> ImportAsync(ReeveDatabase db, Request request, Instant now, ImportPhases phases, CancellationToken ct = default) =>
        ImportAsync(db, request, now, Chunk, phases, ct);

    /// <param name="chunk">How many lines are read, matched and posted at a time (tests make it small to cross chunks).</param>
    internal static async Task<Result> ImportAsync(ReeveDatabase db, Request request, Instant now, int chunk, ImportPhases? phases = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        phases ??= new ImportPhases();

        // The same bytes were either imported before or refused before: a file already imported is known by its
        // hash alone, before the (much longer) read, so a re-run of a large statement returns at once.
        var started = Stopwatch.GetTimestamp();
        var sha = Sha256Of(request.Content);
        await using (var lookup = await db.OpenAsync(ct))
        {
            if (await PreviousImportAsync(lookup, null, request.Council, sha) is { } earlier)
            {
                return earlier;
            }
        }

        phases.Add(ImportPhases.Start, started);
        var opened = Open(request, phases);
        if (opened is Outcome<Source>.Invalid invalid)
        {
            return new Result.Refused(invalid.Field, invalid.Message);
        }

        var source = ((Outcome<Source>.Done)opened).Value;

        // A first pass over the lines for the account references they name, so the accounts and what each owes are
        // read once, before anything is posted (a read of the ledger while the import fills it would be planned for
        // the table as it was). The set follows the accounts named, not the lines; a bad line is refused here, before
        // anything is written.
        started = Stopwatch.GetTimestamp();
        HashSet<AccountReference> named;
        try
        {
            named = Named(source.PayerTexts());
        }
        catch (CsvFormatException e)
        {
            return new Result.Refused(e.Where, e.Message);
        }

        phases.Add(ImportPhases.Scan, started);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await PreviousImportAsync(connection, tx, request.Council, sha) is { } previous)
        {
            return previous;
        }

        Outcome<Report> report;
        try
        {
            report = await PostAsync(connection, tx, request, source, named, sha, now, chunk, phases, ct);
        }
        catch (CsvFormatException e)
        {
            // A bad line part way through: the chunks before it are undone with the rest.
            await tx.RollbackAsync(ct);
            return new Result.Refused(e.Where, e.Message);
        }

        if (report is Outcome<Report>.Done done)
        {
            started = Stopwatch.GetTimestamp();
            await (request.Finish ?? ImportFinish.Commit).EndAsync(connection, tx, ct);
            phases.Add(ImportPhases.Finish, started);
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

    /// <summary>
    /// Where a file's receipts come from: a camt.053 file, read whole (XML) and taken or refused statement by
    /// statement once their accounts are looked up; or the lines of a CSV or agent file, read as they are asked for.
    /// </summary>
    private sealed class Source
    {
        public Camt053File? Camt { get; init; }

        public IEnumerable<Receipt> Receipts { get; init; } = [];

        /// <summary>The lines that were not credits, once <see cref="Receipts"/> has been read to the end.</summary>
        public Func<int> NotCredits { get; init; } = () => 0;

        /// <summary>What the payer wrote on each credit, read from the file again (a first pass, before <see cref="Receipts"/>).</summary>
        public Func<IEnumerable<string>> PayerTexts { get; init; } = () => [];
    }

    private static Outcome<Source> Open(Request request, ImportPhases phases)
    {
        if (!System.Text.Unicode.Utf8.IsValid(request.Content))
        {
            return new Outcome<Source>.Invalid("file", "The file is not UTF-8 text: it may be corrupt or in another format");
        }

        // CSV files are read line by line from the bytes as the chunks ask for them; a camt.053 statement is XML and is read whole.
        TextReader Lines() => new StreamReader(new MemoryStream(request.Content, writable: false), Utf8, detectEncodingFromByteOrderMarks: true);
        switch (request.Format, request.Layout)
        {
            case (PaymentFileFormat.Camt053, _):
                var started = Stopwatch.GetTimestamp();
                var camt = Camt053File.Parse(Utf8.GetString(request.Content).TrimStart('\uFEFF'));
                phases.Add(ImportPhases.Read, started);
                return camt switch
                {
                    Outcome<Camt053File>.Done d => new Source { Camt = d.Value },
                    Outcome<Camt053File>.Invalid i => new Outcome<Source>.Invalid(i.Field, i.Message),
                    var other => throw new InvalidOperationException($"Unexpected parse result {other}"),
                };
            case (PaymentFileFormat.BankCsv, BankCsvLayout layout):
                if (BankCsvStatement.LayoutProblem(layout) is { } problem)
                {
                    return new Outcome<Source>.Invalid("layout", problem);
                }

                var receipts = new CsvReceipts();
                return new Source
                {
                    Receipts = receipts.Read(BankCsvStatement.Read(Lines(), layout)), NotCredits = () => receipts.NotCredits,
                    PayerTexts = () => BankCsvStatement.Read(Lines(), layout).Where(l => l.Amount.IsPositive).Select(l => l.Description),
                };
            case (PaymentFileFormat.AgentCsv, AgentFileLayout layout):
                return new Source
                {
                    Receipts = ReceiptReader.From(AgentPaymentFile.Read(Lines(), layout)),
                    PayerTexts = () => AgentPaymentFile.Read(Lines(), layout).Select(p => p.Reference),
                };
            default:
                return new Outcome<Source>.Invalid("layout",
                    $"A {request.Format.Code()} file needs a {(request.Format == PaymentFileFormat.BankCsv ? "bank CSV" : "payment agent")} layout");
        }
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
        DbConnection connection, DbTransaction tx, Request request, Source source, HashSet<AccountReference> named, string sha, Instant now, int chunkSize,
        ImportPhases phases, CancellationToken ct)
    {
        var council = request.Council;
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<StatementOutcome> statements = [];
        ReceiptFile? camtReceipts = null;
        if (source.Camt is { } camt)
        {
            (camtReceipts, statements) = await TakeStatementsAsync(connection, tx, council, camt);
            if (camtReceipts is null)
            {
                var first = statements.First(s => s.RefusedField is not null);
                return new Outcome<Report>.Invalid(first.RefusedField!,
                    statements.Count == 1 ? first.RefusedMessage! : $"{first.RefusedMessage} (and no other statement of the file could be taken either)");
            }
        }

        // A file with a statement refused (an account not yet recorded, say) is not known by its bytes alone, so the
        // same file can be imported again once the cause is put right: its refused statement posts then, and the
        // entries of the statements taken now are duplicates. Its imports are told apart by their ids.
        var importId = await IdAllocator.ReserveAsync(connection, tx, council, "payment_import", 1);
        sha = statements.Any(s => s.RefusedField is not null) ? $"{sha}~{importId.ToString(CultureInfo.InvariantCulture)}" : sha;

        // Written first, as the bank entries and suspense items of each chunk name it; its totals are filled in at the end.
        await connection.ExecuteAsync(
            "insert into payment_import (council_id, import_id, sha256, file_name, format, credits, posted_count, posted_pence, suspense_count, suspense_pence, imported_at, imported_by) " +
            "values (@council, @importId, @sha, @fileName, @format, 0, 0, 0, 0, 0, @now, @officer)",
            new { council = council.Value, importId, sha, fileName = request.FileName, format = request.Format.Code(), now, officer = request.Officer }, tx);
        phases.Add(ImportPhases.Start, started);

        started = Stopwatch.GetTimestamp();
        var import = new Tally(request, sha, importId, now);
        var accounts = new AccountsNamed(council);
        await accounts.LearnAsync(connection, tx, camtReceipts is null ? named : Named(camtReceipts.Receipts.Where(r => r.Kind == ReceiptKind.Payment).Select(r => r.ReferenceText)));
        phases.Add(ImportPhases.Accounts, started);
        await foreach (var chunk in AheadAsync(Chunks(camtReceipts?.Receipts ?? source.Receipts, chunkSize, phases), phases, ct))
        {
            if (await PostChunkAsync(connection, tx, chunk, import, accounts, phases, ct) is { } refused)
            {
                return refused;
            }
        }

        started = Stopwatch.GetTimestamp();
        var takeBacks = camtReceipts is { TakeBacks.Count: > 0 }
            ? await BankEntries.TakeBackAsync(connection, tx, council, importId, camtReceipts.TakeBacks, request.Officer, now)
            : [];
        await BankEntries.RecordAsync(connection, tx, council, importId, takeBacks.Select(t => t.Row).ToList(), ct);

        await connection.ExecuteAsync(
            "update payment_import set credits = @credits, posted_count = @postedCount, posted_pence = @postedPence, suspense_count = @suspenseCount, " +
            "suspense_pence = @suspensePence where council_id = @council and import_id = @importId",
            new
            {
                council = council.Value, importId, credits = import.Credits, postedCount = import.Posted, postedPence = import.PostedTotal.Pence,
                suspenseCount = import.Suspended, suspensePence = import.SuspenseTotal.Pence,
            },
            tx);

        // The bank's figure for each day of the file, for the daily reconciliation (ReconcileDay).
        await connection.ExecuteAsync(
            "insert into payment_import_day (council_id, import_id, paid_on, credits, credit_pence) values (@council, @importId, @day, @count, @pence)",
            import.Days.Select(d => new { council = council.Value, importId, day = d.Key, count = d.Value.Count, pence = d.Value.Total.Pence }),
            tx);
        phases.Add(ImportPhases.Finish, started);

        var byReason = import.ByReason.OrderBy(r => r.Key).Select(r => new ReasonTotal(r.Key, r.Value.Count, r.Value.Total)).ToList();
        return new Report(importId, request.FileName, request.Format, import.Credits, camtReceipts?.NotCredits ?? source.NotCredits(), import.Posted,
            import.PostedTotal, import.EntriesPosted, import.Suspended, import.SuspenseTotal, byReason, import.Duplicates, import.DuplicateTotal,
            camtReceipts?.Pending ?? 0, camtReceipts?.PendingTotal ?? Money.Zero, statements, takeBacks.Select(t => t.Outcome).ToList());
    }

    /// <summary>The account references these payers' texts name (each read as <see cref="PayerReference.Read"/> reads it).</summary>
    private static HashSet<AccountReference> Named(IEnumerable<string> texts)
    {
        var named = new HashSet<AccountReference>();
        foreach (var text in texts)
        {
            if (PayerReference.Read(text) is ReferenceReading.Found found)
            {
                named.Add(found.Reference);
            }
        }

        return named;
    }

    /// <summary>A chunk of receipts, and what the payer wrote on each payment as <see cref="PayerReference.Read"/> reads it.</summary>
    private sealed record ReadChunk(List<Receipt> Receipts, ReferenceReading?[] Readings);

    /// <summary>The receipts a chunk at a time with their references read, timing the reading (and parsing) of each chunk.</summary>
    private static IEnumerable<ReadChunk> Chunks(IEnumerable<Receipt> receipts, int size, ImportPhases phases)
    {
        using var reading = receipts.GetEnumerator();
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var chunk = new List<Receipt>(size);
            while (chunk.Count < size && reading.MoveNext())
            {
                chunk.Add(reading.Current);
            }

            phases.Add(ImportPhases.Read, started);
            if (chunk.Count == 0)
            {
                yield break;
            }

            started = Stopwatch.GetTimestamp();
            var readings = new ReferenceReading?[chunk.Count];
            for (var i = 0; i < chunk.Count; i++)
            {
                readings[i] = chunk[i].Kind == ReceiptKind.Payment ? PayerReference.Read(chunk[i].ReferenceText) : null;
            }

            phases.Add(ImportPhases.Match, started);
            yield return new ReadChunk(chunk, readings);
            if (chunk.Count < size)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// The chunks read one ahead, on another thread, while the database writes the one before: reading and parsing
    /// is the client's work and writing the server's, so the two overlap. At most two chunks wait, so memory still
    /// follows the chunk; a bad line is thrown here as it is met.
    /// </summary>
    private static async IAsyncEnumerable<ReadChunk> AheadAsync(
        IEnumerable<ReadChunk> chunks, ImportPhases phases, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ready = System.Threading.Channels.Channel.CreateBounded<ReadChunk>(1);
        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in chunks)
                {
                    await ready.Writer.WriteAsync(chunk, stop.Token);
                }

                ready.Writer.Complete();
            }
            catch (Exception e)
            {
                ready.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                ReadChunk? next;
                try
                {
                    next = await ready.Reader.WaitToReadAsync(ct) && ready.Reader.TryRead(out var chunk) ? chunk : null;
                }
                catch (System.Threading.Channels.ChannelClosedException closed) when (closed.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(closed.InnerException).Throw();
                    throw;
                }

                phases.Add(ImportPhases.Wait, started);
                if (next is null)
                {
                    break;
                }

                yield return next;
            }
        }
        finally
        {
            // The database side stopped (done, refused or failed): the reader stops too, and is waited for.
            await stop.CancelAsync();
            await reader;
        }
    }

    /// <summary>
    /// One chunk of receipts: each new credit whose reference names one of the council's accounts is split over its
    /// years and posted, every other goes to suspense; and each entry is recorded, which is also how those met before
    /// (in an earlier import, or earlier in this file) are found: the index that keeps each bank entry once refuses
    /// them, and they are recorded as duplicates and post nothing.
    /// </summary>
    private static async Task<Outcome<Report>?> PostChunkAsync(
        DbConnection connection, DbTransaction tx, ReadChunk read, Tally import, AccountsNamed accounts, ImportPhases phases, CancellationToken ct)
    {
        var council = import.Request.Council;
        var (chunk, readings) = read;
        var started = Stopwatch.GetTimestamp();
        var rows = new BankEntries.NewRow[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            rows[i] = BankEntries.Row(chunk[i], AccountFor(readings[i], accounts) is null ? "suspense" : "posted");
        }
        var duplicates = await BankEntries.RecordNewAsync(connection, tx, council, import.ImportId, rows, ct);
        phases.Add(ImportPhases.Record, started);

        var ledger = new List<NewEntry>(chunk.Count);
        var suspense = new List<SuspenseQueue.NewItem>();
        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < chunk.Count; i++)
        {
            var receipt = chunk[i];
            if (duplicates.Contains(i))
            {
                import.Duplicate(receipt);
                continue;
            }

            import.Credit(receipt);
            if (AccountFor(readings[i], accounts) is { } accountId)
            {
                import.Post(receipt);
                ledger.AddRange(PaymentAccounts.EntriesFor(council, accountId, receipt.Amount, receipt.PaidOn, receipt.ReferenceText, accounts.Outstanding,
                    import.Request.Officer, $"{import.Channel}, bank reference {receipt.BankReference}",
                    $"Payment received: {import.Format} line {receipt.Line}", $"payment:{import.Sha}:{receipt.Line}"));
            }
            else
            {
                var reason = receipt.Kind switch
                {
                    ReceiptKind.MoneyBack => SuspenseReason.MoneyReturned,
                    ReceiptKind.AmountsDisagree => SuspenseReason.AmountsDisagree,
                    ReceiptKind.Payment => readings[i] is ReferenceReading.NotFound nf ? nf.Reason : SuspenseReason.NoSuchAccount,
                };
                import.Suspend(receipt, reason);
                suspense.Add(new SuspenseQueue.NewItem(receipt, reason));
            }
        }

        phases.Add(ImportPhases.Allocate, started);

        started = Stopwatch.GetTimestamp();
        var posted = await PostEntries.PostAsync(connection, tx, ledger, import.Now, ct);
        if (posted is not Outcome<PostResult>.Done postedEntries)
        {
            return posted switch
            {
                Outcome<PostResult>.Invalid i => new Outcome<Report>.Invalid(i.Field, i.Message),
                _ => throw new InvalidOperationException($"Posting payments failed: {posted}"),
            };
        }

        import.EntriesPosted += postedEntries.Value.Posted.Count;
        phases.Add(ImportPhases.Post, started);

        started = Stopwatch.GetTimestamp();
        await SuspenseQueue.AddAsync(connection, tx, council, import.ImportId, import.Channel, suspense, import.Now, ct);
        phases.Add(ImportPhases.Suspense, started);
        return null;
    }

    /// <summary>The account a payment's reference names, if it is one of the council's; otherwise (and for money that is not a payer's) it goes to suspense.</summary>
    private static long? AccountFor(ReferenceReading? reading, AccountsNamed accounts) =>
        reading is ReferenceReading.Found found ? accounts.IdOf(found.Reference) : null;

    /// <summary>What the import has done so far, over its chunks: the figures of its report, and each day's credits.</summary>
    private sealed class Tally(Request request, string sha, long importId, Instant now)
    {
        public Request Request { get; } = request;

        public string Sha { get; } = sha;

        public long ImportId { get; } = importId;

        public Instant Now { get; } = now;

        public string Channel { get; } = request.Format.Channel();

        public string Format { get; } = request.Format.Code();

        public int Credits { get; private set; }

        public int Posted { get; private set; }

        public Money PostedTotal { get; private set; }

        public int EntriesPosted { get; set; }

        public int Suspended { get; private set; }

        public Money SuspenseTotal { get; private set; }

        public Dictionary<SuspenseReason, (int Count, Money Total)> ByReason { get; } = [];

        public int Duplicates { get; private set; }

        public Money DuplicateTotal { get; private set; }

        public SortedDictionary<LocalDate, (int Count, Money Total)> Days { get; } = [];

        public void Credit(Receipt receipt)
        {
            Credits++;
            var day = Days.GetValueOrDefault(receipt.PaidOn);
            Days[receipt.PaidOn] = (day.Count + 1, day.Total + receipt.Amount);
        }

        public void Post(Receipt receipt)
        {
            Posted++;
            PostedTotal += receipt.Amount;
        }

        public void Suspend(Receipt receipt, SuspenseReason reason)
        {
            Suspended++;
            SuspenseTotal += receipt.Amount;
            var sum = ByReason.GetValueOrDefault(reason);
            ByReason[reason] = (sum.Count + 1, sum.Total + receipt.Amount);
        }

        public void Duplicate(Receipt receipt)
        {
            Duplicates++;
            DuplicateTotal += receipt.Amount;
        }
    }

    /// <summary>
    /// The council's accounts the file's references name, and what each owes by year as the file's payments count it
    /// down: read once before the first chunk, and kept for the whole file (a later payment to the same account sees
    /// the balance the earlier ones left). Grows with the accounts named, not the lines.
    /// </summary>
    private sealed class AccountsNamed(CouncilId council)
    {
        // By the reference's nine digits as a number; 0 where the reference is no account of this council.
        private readonly Dictionary<int, long> _ids = [];

        public Dictionary<long, Dictionary<FinancialYear, Money>> Outstanding { get; } = [];

        public long? IdOf(AccountReference reference) =>
            _ids.TryGetValue(Number(reference), out var id) && id != 0 ? id : null;

        public async Task LearnAsync(DbConnection connection, DbTransaction tx, IEnumerable<AccountReference> references)
        {
            var unknown = references.Where(r => !_ids.ContainsKey(Number(r))).Distinct().ToList();
            if (unknown.Count == 0)
            {
                return;
            }

            var found = await PaymentAccounts.FindAsync(connection, tx, council, unknown);
            foreach (var reference in unknown)
            {
                _ids[Number(reference)] = found.GetValueOrDefault(reference.Value);
            }

            var owed = await PaymentAccounts.OutstandingByYearAsync(connection, tx, council, found.Values.Where(id => !Outstanding.ContainsKey(id)));
            foreach (var (id, years) in owed)
            {
                Outstanding[id] = years;
            }
        }

        private static int Number(AccountReference reference) => int.Parse(reference.Value, CultureInfo.InvariantCulture);
    }

    private sealed class ImportRow
    {
        public long import_id { get; set; }
        public string file_name { get; set; } = "";
        public Instant imported_at { get; set; }
        public string imported_by { get; set; } = "";
    }
}
