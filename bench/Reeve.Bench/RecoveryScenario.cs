using System.Diagnostics;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Recovery;

namespace Reeve.Bench;

public sealed record RecoveryBenchOptions(int Accounts, int ArrearsPercent, int ChunkSize, int Seed)
{
    public const int DefaultAccounts = 1_000_000;
    public const int DefaultArrearsPercent = 15;
    public const int DefaultSeed = 2026;
}

public sealed record RecoveryFigures(
    string Provider,
    string Database,
    RecoveryBenchOptions Options,
    TimeSpan Setup,
    TimeSpan Run,
    TimeSpan ReadOnly,
    long RowsRead,
    long PeakWorkingSetBytes,
    string PeakWorkingSetMeasure,
    long PeakManagedBytes,
    RecoveryRunReport Report)
{
    /// <summary>A million accounts evaluated and their actions written in under 30 seconds (the recovery issue).</summary>
    public static readonly TimeSpan RunTarget = TimeSpan.FromSeconds(30);

    public const long MemoryTargetBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The run (read, evaluate, write) against only reading the same rows.</summary>
    public double Ratio => Run / ReadOnly;
    public bool RunPasses => Run < RunTarget;
    public bool MemoryPasses => PeakWorkingSetBytes < MemoryTargetBytes;
}

/// <summary>
/// The recovery scenario: a council of N council tax accounts billed for 2026/27 in ten monthly instalments, paid up
/// to a run on Tuesday 15 September 2026, with a realistic share in arrears (set up in bulk, not timed): some missed
/// September (first reminders), some failed a reminder in the summer (loss of instalments, then a summons), some
/// complied with a first reminder in May and missed again (second reminders), some in Breathing Space (held).
/// Timed: reading every account's rows the way the run reads them, then the whole approved run through
/// <see cref="ExecuteRecoveryRun.HandleAsync"/>: read, evaluate, and write notices, events and summons costs.
/// </summary>
public static class RecoveryScenario
{
    public static readonly LocalDate RunDate = new(2026, 9, 15);
    private static readonly CouncilId Council = new(1);
    private static readonly FinancialYear Year = new(2026);
    private const int Batch = 50_000;

    public static async Task<RecoveryFigures> RunAsync(
        ScratchDatabase scratch, RecoveryBenchOptions options, IClock clock, IProgress<BenchProgress>? progress = null, CancellationToken ct = default)
    {
        var db = scratch.Db;
        await MigrationRunner.MigrateAsync(db, ct);
        var setupStarted = Stopwatch.GetTimestamp();
        var runId = await CreateAsync(db, options, clock.GetCurrentInstant(), progress, ct);
        var setup = Stopwatch.GetElapsedTime(setupStarted);

        progress?.Report(new BenchProgress("Reading the rows only", 0, 1));
        var readStarted = Stopwatch.GetTimestamp();
        var rows = await RecoveryReadBaseline.ReadEveryAccountAsync(db, Council, RunDate, options.ChunkSize, ct);
        var readOnly = Stopwatch.GetElapsedTime(readStarted);
        progress?.Report(new BenchProgress("Reading the rows only", 1, 1));

        var peakMeasure = AnnualBillingScenario.PeakWorkingSet.Reset()
            ? "peak working set of the process during the run (VmHWM, reset before it)"
            : "peak working set of the process since it started";
        using var managed = new AnnualBillingScenario.ManagedMemorySampler();
        const string stage = "Recovery run through Reeve";
        var runProgress = new Forward(p => progress?.Report(new BenchProgress(stage, p.Done, p.Total)));
        var started = Stopwatch.GetTimestamp();
        var outcome = await ExecuteRecoveryRun.HandleAsync(db, Council, runId, RunDate, "bench-approver", clock, options.ChunkSize, runProgress, ct);
        var run = Stopwatch.GetElapsedTime(started);
        var peak = AnnualBillingScenario.PeakWorkingSet.Read();
        var peakManaged = managed.Stop();
        var report = outcome switch
        {
            Reeve.Kernel.Outcome<RecoveryRunReport>.Done done => done.Value,
            var other => throw new InvalidOperationException($"The benchmark's recovery run was refused: {other}"),
        };
        return new RecoveryFigures(db.IsPostgres ? "postgres" : "sqlite", scratch.Description, options, setup, run, readOnly, rows, peak, peakMeasure, peakManaged, report);
    }

    private sealed class Forward(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }

    private enum Kind
    {
        PaysOnTime,
        MissedSeptember,
        FailedSummerReminder,
        SecondDefault,
        Held,
        PaidLate,
    }

    // Of the accounts in arrears: 40% missed September, 25% failed a reminder in the summer, 15% complied with a
    // May reminder and missed September, 10% in Breathing Space, 10% paid September a few days late.
    private static Kind Pick(Random random, int arrearsPercent)
    {
        if (random.Next(100) >= arrearsPercent)
        {
            return Kind.PaysOnTime;
        }

        return random.Next(100) switch
        {
            < 40 => Kind.MissedSeptember,
            < 65 => Kind.FailedSummerReminder,
            < 80 => Kind.SecondDefault,
            < 90 => Kind.Held,
            _ => Kind.PaidLate,
        };
    }

    private static async Task<long> CreateAsync(ReeveDatabase db, RecoveryBenchOptions options, Instant now, IProgress<BenchProgress>? progress, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var pg = db.IsPostgres;
        var at = now;
        await connection.ExecuteAsync("insert into council (council_id, code, name, created_at) values (1, 'BENCH', 'Benchmark Borough Council', @at)", new { at });
        await connection.ExecuteAsync(
            "insert into ledger_posting (council_id, posting_id, posted_at, posted_by, reason, source_rule) values (1, @id, @at, 'bench', 'Bench set-up', 'Bench')",
            new { id = SetUpPosting, at });
        await IdAllocator.ReserveAsync(connection, null, Council, "ledger_posting", (int)SetUpPosting);
        var random = new Random(options.Seed);
        const string stage = "Setting up accounts, bills and payments";
        progress?.Report(new BenchProgress(stage, 0, options.Accounts));
        long nextEntry = 1, nextNotice = 1, nextHold = 1;
        var amounts = new[] { 9_000L, 11_000L, 13_500L, 15_000L, 17_500L, 21_000L };
        var dues = Enumerable.Range(0, 10).Select(i => new LocalDate(2026, 4, 1).PlusMonths(i)).ToArray();
        for (var start = 1; start <= options.Accounts; start += Batch)
        {
            var count = Math.Min(Batch, options.Accounts - start + 1);
            List<object?[]> accounts = new(count), bills = new(count), instalments = new(count * 10), entries = new(count * 7), notices = [], holds = [];
            for (var id = (long)start; id < start + count; id++)
            {
                var amount = amounts[random.Next(amounts.Length)];
                var kind = Pick(random, options.ArrearsPercent);
                accounts.Add([1, id, AccountReference.Create(AccountKind.CouncilTax, id).Value, "council-tax", new LocalDate(2020, 4, 1), "direct-debit", 1, at]);
                bills.Add([1, id, 2026, 1, new LocalDate(2026, 3, 9), amount * 10, "Annual bill", "{}", at]);
                for (var i = 0; i < 10; i++)
                {
                    instalments.Add([1, id, 2026, 1, i + 1, dues[i], amount]);
                }

                entries.Add(Entry(nextEntry++, id, EntryKind.Charge, amount * 10, new LocalDate(2026, 4, 1), $"bench-charge:{id}"));
                var paidMonths = kind switch
                {
                    Kind.PaysOnTime or Kind.PaidLate => 6,
                    Kind.MissedSeptember or Kind.Held => 5,
                    Kind.FailedSummerReminder => random.Next(2) == 0 ? 3 : 4,
                    Kind.SecondDefault => 5,
                };
                for (var m = 0; m < paidMonths; m++)
                {
                    var paidOn = kind switch
                    {
                        Kind.PaidLate when m == 5 => dues[m].PlusDays(4),
                        Kind.SecondDefault when m == 1 => new LocalDate(2026, 5, 11),
                        _ => dues[m],
                    };
                    entries.Add(Entry(nextEntry++, id, EntryKind.Payment, amount, paidOn, null));
                }

                // A May reminder, complied with, for the second defaulters; a summer reminder, failed, for the others.
                LocalDate? reminder = kind switch
                {
                    Kind.SecondDefault => new LocalDate(2026, 5, 8),
                    Kind.FailedSummerReminder => paidMonths == 3 ? new LocalDate(2026, 7, 8) : new LocalDate(2026, 8, 10),
                    _ => null,
                };
                if (reminder is { } r)
                {
                    notices.Add([1, nextNotice++, id, 2026, "first-reminder", r, amount, 0L, r.PlusDays(6), null, null,
                        "CTAE Regs 1992 reg 23(1)", "Bench set-up", null, $"{id}:2026:first-reminder", null, at]);
                }

                if (kind == Kind.Held)
                {
                    holds.Add([1, nextHold++, id, "breathing-space", new LocalDate(2026, 9, 3), null, "Standard breathing space", "bench", at, null]);
                }
            }

            await using var tx = await connection.BeginTransactionAsync(ct);
            await BulkWriter.WriteAsync(connection, tx, "account", ["council_id", "account_id", "reference", "kind", "opened_on", "payment_method", "version", "created_at"], accounts, ct);
            await BulkWriter.WriteAsync(connection, tx, "bill", ["council_id", "account_id", "financial_year", "version", "issued_on", "net_pence", "reason", "working", "created_at"], bills, ct);
            await BulkWriter.WriteAsync(connection, tx, "instalment", ["council_id", "account_id", "financial_year", "version", "seq", "due_on", "amount_pence"], instalments, ct);
            await BulkWriter.WriteAsync(connection, tx, PostEntries.LineTable,
                ["council_id", "entry_id", "account_id", "kind", "debit_book", "credit_book", "amount_pence", "financial_year", "effective_date", "posting_id", "idempotency_key"], entries, ct);
            await BulkWriter.WriteAsync(connection, tx, "recovery_notice", NoticeColumns, notices, ct);
            await BulkWriter.WriteAsync(connection, tx, "account_hold",
                ["council_id", "hold_id", "account_id", "reason", "hold_from", "hold_to", "note", "placed_by", "placed_at", "source_key"], holds, ct);
            await tx.CommitAsync(ct);
            progress?.Report(new BenchProgress(stage, start + count - 1, options.Accounts));
        }

        await IdAllocator.ReserveAsync(connection, null, Council, "ledger_entry", (int)nextEntry);
        await IdAllocator.ReserveAsync(connection, null, Council, "recovery_notice", (int)nextNotice);
        await IdAllocator.ReserveAsync(connection, null, Council, "account_hold", (int)nextHold);
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await RecoverySettings.SetCostsAsync(connection, tx, Council,
                new RecoveryCosts(AccountKind.CouncilTax, new LocalDate(2026, 4, 1), Money.FromPence(8_050), Money.FromPence(4_000), "Benchmark costs"), "bench", now);
            await ScheduleCourtSession.HandleAsync(connection, tx, Council, "Benchmark Magistrates' Court", new LocalDate(2026, 10, 20), "10:00", 1_000_000, RunDate, "bench", now);
            await tx.CommitAsync(ct);
        }

        await connection.ExecuteAsync(pg ? "vacuum (analyze) account, bill, instalment, ledger_line, ledger_posting, recovery_notice, account_hold" : "analyze", commandType: System.Data.CommandType.Text);
        var runId = await IdAllocator.ReserveAsync(connection, null, Council, "recovery_run", 1);
        await connection.ExecuteAsync(
            "insert into recovery_run (council_id, run_id, run_date, status, prepared_by, prepared_at, approved_by, approved_at, summary) values (1, @runId, @date, 'approved', 'bench-preparer', @at, 'bench-approver', @at, 'bench')",
            new { runId, date = RunDate, at });
        return runId;
    }

    private static readonly string[] NoticeColumns =
    [
        "council_id", "notice_id", "account_id", "financial_year", "step", "notice_date", "amount_pence", "costs_pence", "pay_by",
        "session_id", "served_on", "source_rule", "explanation", "run_id", "source_key", "costs_entry_id", "created_at",
    ];

    // Every set-up entry is of the one posting made before them (who, when, why: the benchmark's set-up).
    private static object?[] Entry(long id, long account, EntryKind kind, long pence, LocalDate effective, string? key)
    {
        var (debit, credit) = EntryRules.BooksFor(kind);
        return [1, id, account, (short)kind, (short)debit, (short)credit, pence, (short)Year.StartYear, effective, SetUpPosting, key];
    }

    private const long SetUpPosting = 1;
}
