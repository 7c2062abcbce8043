using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.Bench;

/// <param name="EntryKeys">Each entry posted under its own idempotency key (as payment lines are) rather than each batch under one.</param>
public sealed record LedgerBenchOptions(int Entries, int Accounts, int Reads, int BatchSize, int Seed, bool EntryKeys = false)
{
    public const int DefaultEntries = 1_000_000;
    public const int DefaultAccounts = 100_000;
    public const int DefaultReads = 10_000;
    public const int DefaultBatchSize = 50_000;
    public const int DefaultSeed = 2026;
}

public sealed record LedgerFigures(
    string Provider,
    string Database,
    LedgerBenchOptions Options,
    TimeSpan CreateAccounts,
    TimeSpan PostReeve,
    TimeSpan PostBaseline,
    TimeSpan PostPhysical,
    string BaselineMethod,
    LatencyFigures BalanceRead,
    LatencyFigures SelectOne)
{
    /// <summary>
    /// Posting through Reeve may take at most this many times as long as the physical baseline: the same information
    /// (the entries and their postings) written raw into bare tables with only a primary key.
    /// </summary>
    public const double PostingRatioTarget = 1.5;

    /// <summary>An officer opening an account must not wait on its balance: p99 under a millisecond.</summary>
    public const double BalanceReadTargetMs = 1.0;

    public double PostingRatio => PostReeve / PostPhysical;

    /// <summary>Against the same rows written raw into tables with the ledger's own keys, checks and indexes.</summary>
    public double SameTableRatio => PostReeve / PostBaseline;
    public bool PostingPasses => PostingRatio <= PostingRatioTarget;
    public double BalanceReadRatio => BalanceRead.MeanMs / SelectOne.MeanMs;
    public bool BalanceReadPasses => BalanceRead.P99Ms < BalanceReadTargetMs;
}

/// <summary>
/// The ledger scenario: one council, many accounts, and a year of charges, costs and payments posted through
/// the production bulk path (<see cref="PostEntries.PostBatchAsync"/>, or <see cref="PostEntries.PostAsync"/> with a key
/// per entry), timed against the same rows written raw twice: into tables made with the ledger's own DDL (the
/// same-table baseline), and into bare tables with only a primary key (the physical baseline, what the disk can do
/// with the same information): binary COPY on PostgreSQL, one prepared insert on SQLite. Then balance reads for random
/// accounts, against a bare "select 1" round trip.
/// </summary>
public static class LedgerScenario
{
    public const string BaselineSuffix = "_same";

    public const string PhysicalSuffix = "_bare";

    private static readonly CouncilId Council = new(1);

    public static async Task<LedgerFigures> RunAsync(
        ScratchDatabase scratch, LedgerBenchOptions options, IClock clock, IProgress<BenchProgress>? progress = null, CancellationToken ct = default)
    {
        var db = scratch.Db;
        await MigrationRunner.MigrateAsync(db, ct);
        await using var connection = await db.OpenAsync(ct);
        await CreateBaselineTablesAsync(db, connection);
        await connection.ExecuteAsync(
            "insert into council (council_id, code, name, created_at) values (@id, 'BENCH', 'Benchmark Borough Council', @now)",
            new { id = Council.Value, now = clock.GetCurrentInstant() });

        var clockStarted = Stopwatch.GetTimestamp();
        var firstAccount = await CreateAccountsAsync(connection, options.Accounts, clock.GetCurrentInstant(), progress, ct);
        var createAccounts = Stopwatch.GetElapsedTime(clockStarted);

        var (reeve, baseline, physical) = await PostAsync(connection, options, firstAccount, clock, progress, ct);

        // Reads are measured in the steady state production is in: statistics gathered, and on PostgreSQL the
        // freshly copied pages vacuumed (hint bits and visibility map set), as autovacuum does soon after a
        // load. Without it the first read of each page pays a one-off cost that puts milliseconds on the p99.
        await connection.ExecuteAsync(
            db.IsPostgres ? "vacuum (analyze) ledger_line, ledger_posting" : "analyze", commandType: System.Data.CommandType.Text);

        var random = new Random(options.Seed);
        var balance = await TimeReadsAsync(options.Reads, "Reading balances", progress,
            () => ReadBalance.BalanceAsync(connection, Council, firstAccount + random.Next(options.Accounts)), ct);
        var selectOne = await TimeReadsAsync(options.Reads, "Baseline round trips", progress,
            () => connection.ExecuteScalarAsync<long>("select 1"), ct);

        return new LedgerFigures(
            db.IsPostgres ? "postgres" : "sqlite", scratch.Description, options, createAccounts, reeve, baseline, physical,
            db.IsPostgres ? "binary COPY" : "prepared insert", balance, selectOne);
    }

    /// <summary>
    /// Makes the same-table baseline from the very DDL the migrations use for ledger_line and ledger_posting (columns,
    /// keys, checks and indexes), renamed; the append-only triggers are left out as they do not fire on insert. And the
    /// physical baseline: the same columns in bare tables with only their primary keys.
    /// </summary>
    internal static async Task CreateBaselineTablesAsync(ReeveDatabase db, DbConnection connection)
    {
        var ddl = string.Join('\n', MigrationRunner.For(db.Provider).Select(m => m.Sql));
        var statements = new List<string>();
        foreach (var table in new[] { PostEntries.LineTable, PostEntries.PostingTable })
        {
            var found = Regex.Matches(ddl, $@"create table {table} \(.*?\n\);|create (unique )?index \w+ on {table} \([^;]*;", RegexOptions.Singleline)
                .Select(m => Regex.Replace(m.Value, $@"\b{table}", table + BaselineSuffix))
                .ToList();
            if (found.Count == 0 || !found[0].StartsWith("create table", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Could not find the DDL for {table} in the migrations");
            }

            statements.AddRange(found);
        }

        var (int2, int8, date, instant) = db.IsPostgres ? ("smallint", "bigint", "date", "timestamptz") : ("integer", "integer", "text", "text");
        statements.Add(
            $"create table {PostEntries.LineTable}{PhysicalSuffix} (council_id integer not null, effective_date {date} not null, entry_id {int8} not null, " +
            $"account_id {int8} not null, posting_id {int8} not null, amount_pence {int8} not null, reverses_entry_id {int8}, financial_year {int2} not null, " +
            $"kind {int2} not null, debit_book {int2} not null, credit_book {int2} not null, idempotency_key text, primary key (council_id, entry_id));");
        statements.Add(
            $"create table {PostEntries.PostingTable}{PhysicalSuffix} (council_id integer not null, posting_id {int8} not null, posted_at {instant} not null, " +
            "posted_by text not null, reason text not null, source_rule text not null, batch_key text, primary key (council_id, posting_id));");
        await connection.ExecuteAsync(string.Join('\n', statements));
    }

    internal static async Task<long> CreateAccountsAsync(
        DbConnection connection, int count, Instant now, IProgress<BenchProgress>? progress, CancellationToken ct)
    {
        const string stage = "Creating accounts";
        progress?.Report(new BenchProgress(stage, 0, count));
        await using var tx = await connection.BeginTransactionAsync(ct);
        var first = await IdAllocator.ReserveAsync(connection, tx, Council, "account", count);
        var firstSequence = await IdAllocator.ReserveAsync(connection, tx, Council, "reference:" + AccountKind.CouncilTax.Code(), count);
        var opened = new LocalDate(2025, 4, 1);
        if (connection is NpgsqlConnection pg)
        {
            await using var importer = await pg.BeginBinaryImportAsync(
                "copy account (council_id, account_id, reference, kind, opened_on, payment_method, version, created_at) from stdin (format binary)", ct);
            for (var i = 0; i < count; i++)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(Council.Value, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(first + i, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(AccountReference.Create(AccountKind.CouncilTax, firstSequence + i).Value, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(AccountKind.CouncilTax.Code(), NpgsqlDbType.Text, ct);
                await importer.WriteAsync(opened.ToDateOnly(), NpgsqlDbType.Date, ct);
                await importer.WriteAsync(i % 3 == 0 ? "direct-debit" : "cash", NpgsqlDbType.Text, ct);
                await importer.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(now.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, ct);
                ReportEvery(progress, stage, i + 1, count);
            }

            await importer.CompleteAsync(ct);
        }
        else
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText =
                "insert into account (council_id, account_id, reference, kind, opened_on, payment_method, version, created_at) " +
                "values (@c, @id, @ref, @kind, @opened, @method, 1, @at)";
            var p = new[] { "c", "id", "ref", "kind", "opened", "method", "at" }.Select(name =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = name;
                insert.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            p[0].Value = Council.Value;
            p[3].Value = AccountKind.CouncilTax.Code();
            p[4].Value = LocalDatePattern.Iso.Format(opened);
            p[6].Value = InstantPattern.ExtendedIso.Format(now);
            for (var i = 0; i < count; i++)
            {
                p[1].Value = first + i;
                p[2].Value = AccountReference.Create(AccountKind.CouncilTax, firstSequence + i).Value;
                p[5].Value = i % 3 == 0 ? "direct-debit" : "cash";
                if (i == 0)
                {
                    await insert.PrepareAsync(ct);
                }

                await insert.ExecuteNonQueryAsync(ct);
                ReportEvery(progress, stage, i + 1, count);
            }
        }

        await tx.CommitAsync(ct);
        return first;
    }

    /// <summary>
    /// Posts every batch through Reeve and writes the same rows raw into both baselines, each in its own transaction.
    /// The three take turns at going first so that checkpoints and cache warmth fall on all alike.
    /// </summary>
    private static async Task<(TimeSpan Reeve, TimeSpan Baseline, TimeSpan Physical)> PostAsync(
        DbConnection connection, LedgerBenchOptions options, long firstAccount, IClock clock, IProgress<BenchProgress>? progress, CancellationToken ct)
    {
        const string stage = "Posting entries (Reeve and baselines)";
        var times = new TimeSpan[3];
        var nextPosting = 1L;
        progress?.Report(new BenchProgress(stage, 0, options.Entries));
        for (var start = 0; start < options.Entries; start += options.BatchSize)
        {
            var entries = EntriesFor(options, firstAccount, start, Math.Min(options.BatchSize, options.Entries - start));
            var now = clock.GetCurrentInstant();
            var batchKey = options.EntryKeys ? null : $"bench:batch:{start:D9}";
            var (expected, lines, postings) = Expected(entries, start + 1L, nextPosting, now, batchKey);
            nextPosting += postings.Count;

            var batch = start / options.BatchSize;
            for (var turn = 0; turn < 3; turn++)
            {
                var side = (batch + turn) % 3;
                var started = Stopwatch.GetTimestamp();
                await using var tx = await connection.BeginTransactionAsync(ct);
                if (side == 0)
                {
                    var outcome = batchKey is null
                        ? await PostEntries.PostAsync(connection, tx, entries, now, ct)
                        : await PostEntries.PostBatchAsync(connection, tx, batchKey, entries, now, ct);
                    var posted = outcome switch
                    {
                        Outcome<PostResult>.Done done => done.Value.Posted,
                        var other => throw new InvalidOperationException($"The benchmark's entries were refused: {other}"),
                    };
                    if (!posted.SequenceEqual(expected))
                    {
                        throw new InvalidOperationException("Reeve posted different rows from those the baselines write: the scratch database was not empty");
                    }
                }
                else
                {
                    // Binary COPY on PostgreSQL, one prepared insert on SQLite: the same rows, nothing checked.
                    var suffix = side == 1 ? BaselineSuffix : PhysicalSuffix;
                    var dialect = SqlDialect.Of(connection);
                    await dialect.WriteAllAsync(connection, tx, PostEntries.PostingTable + suffix, PostEntries.Posting.Shape, postings, ct);
                    await dialect.WriteAllAsync(connection, tx, PostEntries.LineTable + suffix, PostEntries.Line.Shape, lines, ct);
                }

                await tx.CommitAsync(ct);
                times[side] += Stopwatch.GetElapsedTime(started);
            }

            progress?.Report(new BenchProgress(stage, start + entries.Count, options.Entries));
        }

        return (times[0], times[1], times[2]);
    }

    /// <summary>
    /// The rows Reeve should make for a batch in a scratch database (the ledger's id blocks start at 1): entry ids in
    /// account order, one posting per who, why and rule in order of first appearance, the first carrying the batch key.
    /// The baselines write exactly these, and Reeve's own entries are checked against them.
    /// </summary>
    private static (List<PostedEntry> Entries, List<PostEntries.Line> Lines, List<PostEntries.Posting> Postings) Expected(
        IReadOnlyList<NewEntry> entries, long firstEntry, long firstPosting, Instant now, string? batchKey)
    {
        var postingOf = new Dictionary<(string, string, string), long>();
        var postings = new List<PostEntries.Posting>();
        foreach (var e in entries)
        {
            if (!postingOf.ContainsKey((e.PostedBy, e.Reason, e.SourceRule)))
            {
                postingOf[(e.PostedBy, e.Reason, e.SourceRule)] = firstPosting + postings.Count;
                postings.Add(new PostEntries.Posting(e.Council, firstPosting + postings.Count, now, e.PostedBy, e.Reason, e.SourceRule,
                    postings.Count == 0 ? batchKey : null));
            }
        }

        var posted = new PostedEntry[entries.Count];
        var order = Enumerable.Range(0, entries.Count).OrderBy(i => entries[i].AccountId).ToList();
        for (var n = 0; n < order.Count; n++)
        {
            var e = entries[order[n]];
            var (debit, credit) = EntryRules.BooksFor(e.Kind);
            posted[order[n]] = new PostedEntry(e.Council, firstEntry + n, e.AccountId, e.Kind, debit, credit, e.Amount, e.Year,
                e.EffectiveDate, now, e.PostedBy, e.Reason, e.SourceRule, null, e.IdempotencyKey);
        }

        var lines = order.Select(i => new PostEntries.Line(posted[i], postingOf[(posted[i].PostedBy, posted[i].Reason, posted[i].SourceRule)])).ToList();
        return (posted.ToList(), lines, postings);
    }

    /// <summary>
    /// A council tax year in miniature: each account's annual bill first, then mostly instalment payments,
    /// with some summons costs, supplementary bills and reductions, spread over the year. Each batch is
    /// made from its own seed, so any batch can be made again alone.
    /// </summary>
    internal static IReadOnlyList<NewEntry> EntriesFor(LedgerBenchOptions options, long firstAccount, int start, int count)
    {
        var random = new Random(unchecked((options.Seed * 1_000_003) + start));
        var year = new FinancialYear(2025);
        var entries = new List<NewEntry>(count);
        for (var i = start; i < start + count; i++)
        {
            var account = firstAccount + (i % options.Accounts);
            var day = year.FirstDay.PlusDays((int)((long)i * (year.DaysInYear - 1) / options.Entries));
            var roll = i < options.Accounts ? -1 : random.Next(100);
            var (kind, pence, reason, rule) = roll switch
            {
                < 0 => (EntryKind.Charge, random.Next(90_000, 320_000), "Annual council tax bill 2025/26", "LGFA 1992 s1"),
                < 78 => (EntryKind.Payment, random.Next(5_000, 32_000), "Instalment received", "CTAE Regs 1992 Sch 1 para 1"),
                < 88 => (EntryKind.Costs, random.Next(7_000, 12_000), "Summons costs", "CTAE Regs 1992 reg 34(5)"),
                < 95 => (EntryKind.Charge, random.Next(1_000, 60_000), "Supplementary bill after a band change", "LGFA 1992 s24"),
                _ => (EntryKind.AdjustmentDecrease, random.Next(1_000, 40_000), "Council Tax Reduction awarded", "LGFA 1992 s13A"),
            };
            entries.Add(new NewEntry(Council, account, kind, Money.FromPence(pence), year, day, "bench", reason, rule,
                options.EntryKeys ? $"bench:{kind.Code()}:{i:D9}" : null));
        }

        return entries;
    }

    private static async Task<LatencyFigures> TimeReadsAsync<T>(
        int reads, string stage, IProgress<BenchProgress>? progress, Func<Task<T>> read, CancellationToken ct)
    {
        for (var i = 0; i < Math.Min(100, reads); i++)
        {
            await read();
        }

        var ticks = new long[reads];
        for (var i = 0; i < reads; i++)
        {
            ct.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            await read();
            ticks[i] = Stopwatch.GetTimestamp() - started;
            ReportEvery(progress, stage, i + 1, reads);
        }

        return LatencyFigures.From(ticks);
    }

    private static void ReportEvery(IProgress<BenchProgress>? progress, string stage, long done, long total)
    {
        if (progress is not null && (done % 1000 == 0 || done == total))
        {
            progress.Report(new BenchProgress(stage, done, total));
        }
    }
}
