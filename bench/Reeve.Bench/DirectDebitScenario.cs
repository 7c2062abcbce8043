using System.Diagnostics;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Persistence;

namespace Reeve.Bench;

public sealed record DirectDebitBenchOptions(int Mandates, int Seed)
{
    public const int DefaultMandates = 1_000_000;
    public const int DefaultSeed = 2026;
}

public sealed record DirectDebitFigures(
    string Provider,
    string Database,
    DirectDebitBenchOptions Options,
    TimeSpan Setup,
    TimeSpan Reeve,
    TimeSpan Read,
    TimeSpan Baseline,
    int Collections,
    Money Total,
    long FileBytes,
    long BaselineBytes,
    TimeSpan ReadAndPlan)
{
    /// <summary>issue 4: the collection file for one million mandates in under 20 seconds.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(20);

    /// <summary>issue 20: reading what is due and planning within three times the raw read of the mandates.</summary>
    public const double ReadTarget = 3.0;

    public double Ratio => Reeve / Baseline;
    public bool Passes => Reeve < Target;

    /// <summary>Reading what is due and planning against the physical baseline, the raw read of the mandates.</summary>
    public double ReadRatio => ReadAndPlan / Read;
    public bool ReadPasses => ReadRatio <= ReadTarget;
}

/// <summary>
/// The Direct Debit scenario: a council with N accounts, each with an active mandate and one council tax instalment
/// due on Thursday 1 May 2025. Timed: the production path for the 30 April processing day (read what is due with
/// the collection run's own query, plan it with the advance notice and lodgement rules, write the Standard 18 file
/// to disk). Baseline, in the same run: the same fixed-width records written to disk from rows already in memory,
/// with no lookups, no rules and no checks. The run's recording and posting are not part of this figure.
/// The physical baseline for reading what is due is the raw read of the mandates (their key, bank details and
/// reference, as plain rows); the scenario writes no table, only the file, so it has no COPY baseline.
/// </summary>
public static class DirectDebitScenario
{
    private static readonly CouncilId Council = new(1);
    private static readonly LocalDate ProcessingDay = new(2025, 4, 30);
    private static readonly LocalDate Today = new(2025, 4, 28);
    private static readonly ServiceUser Originator = new("123456", SortCode.Parse("107999"), AccountNumber.Parse("88837491"), "BENCHMARK COUNCIL");

    // Valid pairs from formats.md 4.3, so the data looks like what the set-up form lets in.
    private static readonly (string Sort, string Account)[] BankDetails =
        [("089999", "66374958"), ("107999", "88837491"), ("202959", "63748472"), ("871427", "46238510"), ("820000", "73688637")];

    private sealed record Payer(string Sort, string Account, string Name, string Reference, long Pence);

    public static async Task<DirectDebitFigures> RunAsync(
        ScratchDatabase scratch, DirectDebitBenchOptions options, IClock clock, IProgress<BenchProgress>? progress = null, CancellationToken ct = default)
    {
        var db = scratch.Db;
        await MigrationRunner.MigrateAsync(db, ct);
        var started = Stopwatch.GetTimestamp();
        var payers = await SetUpAsync(db, options, clock.GetCurrentInstant(), progress, ct);
        var setup = Stopwatch.GetElapsedTime(started);
        var folder = Directory.CreateTempSubdirectory("reeve-bench-dd-");
        try
        {
            progress?.Report(new BenchProgress("Raw read of the mandates", 0, 1));
            started = Stopwatch.GetTimestamp();
            await using (var connection = await db.OpenAsync(ct))
            {
                var rows = 0;
                foreach (var _ in await connection.QueryAsync<(long, string, string, string)>(
                             "select mandate_id, sort_code, account_number, reference from dd_mandate where council_id = @council", new { council = Council.Value }))
                {
                    rows++;
                }
            }

            var read = Stopwatch.GetElapsedTime(started);

            progress?.Report(new BenchProgress("Baseline: the same lines, no lookups", 0, 1));
            started = Stopwatch.GetTimestamp();
            var baselineBytes = await WriteBaselineAsync(Path.Combine(folder.FullName, "baseline.txt"), payers, ct);
            var baseline = Stopwatch.GetElapsedTime(started);

            progress?.Report(new BenchProgress("Reeve: plan and write the collection file", 0, 1));
            started = Stopwatch.GetTimestamp();
            CollectionPlanFigures figures;
            TimeSpan planned;
            await using (var connection = await db.OpenAsync(ct))
            {
                var plan = await CollectDirectDebits.PlanAsync(connection, null, Council, ProcessingDay, WorkingDays.EnglandAndWales, 3);
                planned = Stopwatch.GetElapsedTime(started);
                var written = CollectDirectDebits.WriteFile(Originator, "C00001", Today, plan, WorkingDays.EnglandAndWales);
                var content = written is Outcome<string>.Done done ? done.Value : throw new InvalidOperationException($"The collection file was refused: {written}");
                var path = Path.Combine(folder.FullName, "collection.txt");
                await File.WriteAllTextAsync(path, content, Encoding.ASCII, ct);
                figures = new CollectionPlanFigures(plan.Collections.Count, plan.Total, new FileInfo(path).Length);
            }

            var reeve = Stopwatch.GetElapsedTime(started);
            progress?.Report(new BenchProgress("Reeve: plan and write the collection file", 1, 1));
            return new DirectDebitFigures(db.IsPostgres ? "PostgreSQL" : "SQLite", scratch.Description, options, setup, reeve, read, baseline,
                figures.Collections, figures.Total, figures.FileBytes, baselineBytes, planned);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed record CollectionPlanFigures(int Collections, Money Total, long FileBytes);

    // The baseline writes the same records (and the labels) straight from memory: the cost of the bytes alone.
    private static async Task<long> WriteBaselineAsync(string path, IReadOnlyList<Payer> payers, CancellationToken ct)
    {
        await using (var writer = new StreamWriter(path, false, Encoding.ASCII, 1 << 20))
        {
            for (var i = 0; i < 4; i++)
            {
                await writer.WriteAsync(new string('L', 80) + "\r\n");
            }

            var line = new StringBuilder(102);
            long total = 0;
            foreach (var p in payers)
            {
                line.Clear();
                line.Append(p.Sort).Append(p.Account).Append("017").Append(Originator.SortCode.Digits).Append(Originator.AccountNumber.Digits).Append("    ")
                    .Append(p.Pence.ToString("00000000000", System.Globalization.CultureInfo.InvariantCulture)).Append(Originator.Name.PadRight(18))
                    .Append(p.Reference.PadRight(18)).Append(p.Name.PadRight(18)).Append("\r\n");
                total += p.Pence;
                await writer.WriteAsync(line, ct);
            }

            await writer.WriteAsync($"CONTRA {total}\r\n");
            for (var i = 0; i < 3; i++)
            {
                await writer.WriteAsync(new string('L', 80) + "\r\n");
            }
        }

        return new FileInfo(path).Length;
    }

    private static async Task<IReadOnlyList<Payer>> SetUpAsync(ReeveDatabase db, DirectDebitBenchOptions options, Instant now, IProgress<BenchProgress>? progress, CancellationToken ct)
    {
        const string stage = "Setting up accounts, bills, instalments and mandates";
        const int chunk = 50_000;
        var rng = new Random(options.Seed);
        var pg = db.IsPostgres;
        var payers = new List<Payer>(options.Mandates);
        await using var connection = await db.OpenAsync(ct);
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await connection.ExecuteAsync(
                "insert into council (council_id, code, name, created_at) values (@id, 'BENCH', 'Benchmark Borough Council', @now)",
                new { id = Council.Value, now }, tx);
            await Mandates.SetOriginatorAsync(connection, tx, Council, new DirectDebitOriginator(Originator, 3));
            await tx.CommitAsync(ct);
        }

        var created = now;
        var issued = new LocalDate(2025, 3, 3).ToDateOnly();
        var due = new LocalDate(2025, 5, 1).ToDateOnly();
        var lodged = new LocalDate(2025, 3, 5).ToDateOnly();
        var signed = new LocalDate(2025, 3, 1).ToDateOnly();
        for (var start = 0; start < options.Mandates; start += chunk)
        {
            var count = Math.Min(chunk, options.Mandates - start);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var firstAccount = await IdAllocator.ReserveAsync(connection, tx, Council, "account", count);
            var firstSequence = await IdAllocator.ReserveAsync(connection, tx, Council, "reference:" + AccountKind.CouncilTax.Code(), count);
            var firstMandate = await IdAllocator.ReserveAsync(connection, tx, Council, "dd_mandate", count);
            var accounts = new List<object?[]>(count);
            var bills = new List<object?[]>(count);
            var instalments = new List<object?[]>(count);
            var mandates = new List<object?[]>(count);
            for (var i = 0; i < count; i++)
            {
                var accountId = firstAccount + i;
                var reference = AccountReference.Create(AccountKind.CouncilTax, firstSequence + i).Value;
                var (sort, number) = BankDetails[rng.Next(BankDetails.Length)];
                var pence = 50_00L + rng.Next(0, 150_00);
                var payer = new Payer(sort, number, $"PAYER {accountId}", "CT" + reference, pence);
                payers.Add(payer);
                accounts.Add([Council.Value, accountId, reference, AccountKind.CouncilTax.Code(), issued, "direct-debit", 1, created]);
                bills.Add([Council.Value, accountId, 2025, 1, issued, pence * 10, "annual bill", "{}", created]);
                instalments.Add([Council.Value, accountId, 2025, 1, 2, due, pence]);
                mandates.Add([Council.Value, firstMandate + i, accountId, payer.Name, sort, number, payer.Reference, "active", signed, lodged, created, "bench", 1]);
            }

            await BulkWriter.WriteAsync(connection, tx, "account", ["council_id", "account_id", "reference", "kind", "opened_on", "payment_method", "version", "created_at"], accounts, ct);
            await BulkWriter.WriteAsync(connection, tx, "bill", ["council_id", "account_id", "financial_year", "version", "issued_on", "net_pence", "reason", "working", "created_at"], bills, ct);
            await BulkWriter.WriteAsync(connection, tx, "instalment", ["council_id", "account_id", "financial_year", "version", "seq", "due_on", "amount_pence"], instalments, ct);
            await BulkWriter.WriteAsync(connection, tx, "dd_mandate",
                ["council_id", "mandate_id", "account_id", "payer_name", "sort_code", "account_number", "reference", "status", "signed_on", "lodged_on", "created_at", "created_by", "version"],
                mandates, ct);
            await tx.CommitAsync(ct);
            progress?.Report(new BenchProgress(stage, start + count, options.Mandates));
        }

        await connection.ExecuteAsync(pg ? "vacuum (analyze) account, bill, instalment, dd_mandate" : "analyze", commandType: System.Data.CommandType.Text);
        return payers;
    }
}
