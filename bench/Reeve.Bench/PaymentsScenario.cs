using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Statements;
using Reeve.Persistence;

namespace Reeve.Bench;

public sealed record PaymentsBenchOptions(int Lines, int Accounts, int Seed)
{
    public const int DefaultLines = 1_000_000;
    public const int DefaultAccounts = 100_000;
    public const int DefaultSeed = 2026;
}

public sealed record PaymentsFigures(
    string Provider,
    string Database,
    PaymentsBenchOptions Options,
    TimeSpan Import,
    TimeSpan Baseline,
    string BaselineMethod,
    TimeSpan RawParse,
    TimeSpan Physical,
    string PhysicalMethod,
    IReadOnlyList<(string Step, TimeSpan Time)> Phases,
    TimeSpan Reimport,
    long PeakWorkingSetBytes,
    int Posted,
    int Suspended,
    bool ReimportPostedNothing)
{
    public const double ImportTargetSeconds = 60;
    public const double ReimportTargetSeconds = 10;
    public const long MemoryTargetBytes = 512L << 20;

    /// <summary>Issue 20: the import within ten times the physical baseline (the parse of the file and a binary COPY of its lines into a bare table).</summary>
    public const double PhysicalRatioTarget = 10;

    /// <summary>To today's baseline, a text COPY of the raw lines.</summary>
    public double Ratio => Import / Baseline;

    public double PhysicalRatio => Import / Physical;

    /// <summary>The time of the one step Payments does not own: the ledger's post.</summary>
    public TimeSpan LedgerPost => Phases.Where(p => p.Step == ImportPhases.Post).Select(p => p.Time).FirstOrDefault();

    public bool ImportPasses => Import.TotalSeconds < ImportTargetSeconds;
    public bool PhysicalRatioPasses => PhysicalRatio <= PhysicalRatioTarget;
    public bool ReimportPasses => Reimport.TotalSeconds < ReimportTargetSeconds && ReimportPostedNothing;
    public bool MemoryPasses => PeakWorkingSetBytes < MemoryTargetBytes;
}

/// <summary>
/// The payments scenario (issues 4 and 20): a bank CSV statement of N lines, about 98% naming real accounts and 2%
/// not, imported, matched and allocated through the production path (<see cref="ImportPayments"/>), with the time
/// of each of its steps, against two baselines in the same run: a raw load of the same lines into a three-column
/// text table (text COPY on PostgreSQL, one prepared insert on SQLite), and the physical baseline: the parse of the
/// file into typed lines by the import's own parser, and those lines written into a bare table with only a primary
/// key (binary COPY on PostgreSQL). Then the same file again, which must post nothing.
/// </summary>
public static class PaymentsScenario
{
    private static readonly CouncilId Council = new(1);

    public static async Task<PaymentsFigures> RunAsync(
        ScratchDatabase scratch, PaymentsBenchOptions options, IClock clock, IProgress<BenchProgress>? progress = null, CancellationToken ct = default)
    {
        var db = scratch.Db;
        await MigrationRunner.MigrateAsync(db, ct);
        byte[] file;
        await using (var connection = await db.OpenAsync(ct))
        {
            await connection.ExecuteAsync(
                "insert into council (council_id, code, name, created_at) values (@id, 'BENCH', 'Benchmark Borough Council', @now)",
                new { id = Council.Value, now = clock.GetCurrentInstant() });
            var first = await LedgerScenario.CreateAccountsAsync(connection, options.Accounts, clock.GetCurrentInstant(), progress, ct);
            var references = (await connection.QueryAsync<string>("select reference from account where council_id = 1 order by account_id")).ToArray();
            _ = first;
            progress?.Report(new BenchProgress("Writing the statement", 0, options.Lines));
            file = Statement(options, references);
            progress?.Report(new BenchProgress("Writing the statement", options.Lines, options.Lines));
        }

        progress?.Report(new BenchProgress("Raw load of the same lines", 0, 1));
        var baseline = await BaselineAsync(db, file, ct);
        progress?.Report(new BenchProgress("Raw load of the same lines", 1, 1));
        progress?.Report(new BenchProgress("Physical baseline: parse, and binary COPY into a bare table", 0, 2));
        var rawParse = RawParse(file);
        progress?.Report(new BenchProgress("Physical baseline: parse, and binary COPY into a bare table", 1, 2));
        var physical = await PhysicalAsync(db, file, ct);
        progress?.Report(new BenchProgress("Physical baseline: parse, and binary COPY into a bare table", 2, 2));

        // The process's own peak would count making the accounts and the file; the import's peak is sampled
        // while it runs instead (the file's bytes, which the import is handed, are in it).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        progress?.Report(new BenchProgress("Importing through Reeve", 0, 1));
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);
        var phases = new ImportPhases();
        var started = Stopwatch.GetTimestamp();
        var result = await ImportPayments.ImportAsync(db,
            new ImportPayments.Request(Council, "bench-statement.csv", file, PaymentFileFormat.BankCsv, PaymentLayouts.SignedAmount, "reeve bench payments"),
            clock.GetCurrentInstant(), phases, ct);
        var import = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync();
        await sampler;
        progress?.Report(new BenchProgress("Importing through Reeve", 1, 1));
        var report = result is ImportPayments.Result.Imported imported
            ? imported.Report
            : throw new InvalidOperationException($"The benchmark statement was not imported: {result}");

        progress?.Report(new BenchProgress("Importing the same file again", 0, 1));
        started = Stopwatch.GetTimestamp();
        var again = await ImportPayments.ImportAsync(db,
            new ImportPayments.Request(Council, "bench-statement.csv", file, PaymentFileFormat.BankCsv, PaymentLayouts.SignedAmount, "reeve bench payments"),
            clock.GetCurrentInstant(), ct);
        var reimport = Stopwatch.GetElapsedTime(started);
        progress?.Report(new BenchProgress("Importing the same file again", 1, 1));

        return new PaymentsFigures(db.IsPostgres ? "postgres" : "sqlite", scratch.Description, options, import, baseline,
            db.IsPostgres ? "text COPY" : "prepared insert", rawParse, physical.Total, db.IsPostgres ? "binary COPY" : "prepared insert", phases.Steps,
            reimport, peak, report.PostedCount, report.SuspenseCount,
            again is ImportPayments.Result.AlreadyImported);
    }

    /// <summary>The statement in the "signed" layout (date, description, amount): 98% of lines name a real account, 2% a reference that is no account.</summary>
    internal static byte[] Statement(PaymentsBenchOptions options, IReadOnlyList<string> references)
    {
        var random = new Random(options.Seed);
        var text = new StringBuilder(options.Lines * 40);
        var day = new LocalDate(2025, 5, 1);
        for (var i = 0; i < options.Lines; i++)
        {
            var date = day.PlusDays(i % 20).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
            var pence = 500 + random.Next(20_000);
            var description = random.Next(50) == 0 ? $"PAYMENT {random.Next(1_000_000):D6} THANK YOU" : $"CTAX {references[random.Next(references.Count)]}";
            text.Append(date).Append(",\"").Append(description).Append("\",")
                .Append((pence / 100).ToString(CultureInfo.InvariantCulture)).Append('.').Append((pence % 100).ToString("D2", CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The file read into typed lines (date, description, amount in pence) by the import's own parser, and nothing else.</summary>
    private static TimeSpan RawParse(byte[] file)
    {
        var started = Stopwatch.GetTimestamp();
        var total = 0L;
        foreach (var line in BankCsvStatement.Read(Lines(file), PaymentLayouts.SignedAmount))
        {
            total += line.Amount.Pence;
        }

        var time = Stopwatch.GetElapsedTime(started);
        return total == 0 ? throw new InvalidOperationException("The statement parsed to nothing") : time;
    }

    private sealed record BareLine(int Line, LocalDate PaidOn, string Description, Money Amount)
    {
        public static readonly BulkTable<BareLine> Shape = new BulkTable<BareLine>()
            .Int4("line", l => l.Line).Date("paid_on", l => l.PaidOn).Text("description", l => l.Description).Money("amount_pence", l => l.Amount);
    }

    /// <summary>
    /// The physical baseline: the file parsed as the import parses it and its lines written, typed, into a bare table
    /// with only a primary key, a chunk at a time in one transaction (binary COPY on PostgreSQL).
    /// </summary>
    private static async Task<(TimeSpan Total, int Lines)> PhysicalAsync(ReeveDatabase db, byte[] file, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync("create table payment_line_bare (line integer primary key, paid_on date not null, description text not null, amount_pence bigint not null)");
        var started = Stopwatch.GetTimestamp();
        await using var tx = await connection.BeginTransactionAsync(ct);
        var dialect = SqlDialect.Of(connection);
        var lines = 0;
        foreach (var chunk in BankCsvStatement.Read(Lines(file), PaymentLayouts.SignedAmount).Chunk(ImportPayments.Chunk))
        {
            await dialect.WriteAllAsync(connection, tx, "payment_line_bare", BareLine.Shape, chunk.Select(l => new BareLine(l.LineNumber, l.Date, l.Description, l.Amount)).ToList(), ct);
            lines += chunk.Length;
        }

        await tx.CommitAsync(ct);
        return (Stopwatch.GetElapsedTime(started), lines);
    }

    private static StreamReader Lines(byte[] file) => new(new MemoryStream(file, writable: false), Encoding.UTF8);

    private static async Task<TimeSpan> BaselineAsync(ReeveDatabase db, byte[] file, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync("create table payment_line_baseline (paid_on text not null, description text not null, amount text not null)");
        var started = Stopwatch.GetTimestamp();
        if (connection is NpgsqlConnection pg)
        {
            await using var writer = await pg.BeginTextImportAsync("copy payment_line_baseline from stdin (format csv)", ct);
            // Streamed in blocks, as a loader would: one write of the whole text makes the writer hold (and pool)
            // buffers the size of the file, which would then be counted against the import measured next.
            using var reader = new StreamReader(new MemoryStream(file), Encoding.UTF8);
            var block = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(block, ct)) > 0)
            {
                await writer.WriteAsync(block.AsMemory(0, read), ct);
            }
        }
        else
        {
            await InsertLinesAsync(connection, file, ct);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task InsertLinesAsync(DbConnection connection, byte[] file, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "insert into payment_line_baseline (paid_on, description, amount) values (@a, @b, @c)";
        var p = new[] { "a", "b", "c" }.Select(n =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = n;
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        insert.Prepare();
        foreach (var line in Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var first = line.IndexOf(',', StringComparison.Ordinal);
            var last = line.LastIndexOf(',');
            p[0].Value = line[..first];
            p[1].Value = line[(first + 2)..(last - 1)];
            p[2].Value = line[(last + 1)..];
            await insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }
}
