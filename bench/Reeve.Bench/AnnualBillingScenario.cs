using System.Diagnostics;
using Dapper;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Bench;

public sealed record AnnualBillingBenchOptions(int Dwellings, int Year, int ChunkSize, int Seed)
{
    public const int DefaultDwellings = 1_000_000;
    public const int DefaultYear = 2026;
    public const int DefaultSeed = 2026;
}

/// <summary>How long the baselines took to write one table's rows raw: into the same table shape, and into a bare table.</summary>
public sealed record TableFigure(string Table, long Rows, TimeSpan Baseline, TimeSpan Physical);

public sealed record AnnualBillingFigures(
    string Provider,
    string Database,
    AnnualBillingBenchOptions Options,
    TimeSpan Setup,
    TimeSpan Reeve,
    TimeSpan Baseline,
    TimeSpan Physical,
    string BaselineMethod,
    IReadOnlyList<TableFigure> Tables,
    long PeakWorkingSetBytes,
    string PeakWorkingSetMeasure,
    long PeakManagedBytes,
    AnnualBillingReport Report)
{
    /// <summary>
    /// Billing through Reeve may take at most this many times as long as the physical baseline: the same rows written
    /// raw into bare tables with only their primary keys.
    /// </summary>
    public const double RatioTarget = 1.2;

    /// <summary>A million dwellings must bill on an ordinary server: under 2 GiB.</summary>
    public const long MemoryTargetBytes = 2L * 1024 * 1024 * 1024;

    public double Ratio => Reeve / Physical;

    /// <summary>Against the same rows written raw into tables with Reeve's own keys, checks and indexes.</summary>
    public double SameTableRatio => Reeve / Baseline;
    public bool RatioPasses => Ratio <= RatioTarget;
    public bool MemoryPasses => PeakWorkingSetBytes < MemoryTargetBytes;
    public double DwellingsPerSecond => Options.Dwellings / Math.Max(Reeve.TotalSeconds, 1e-9);
}

/// <summary>
/// The annual billing scenario: a council of N dwellings with a realistic band mix and households (set up with
/// bulk writes, not timed), billed for the year by <see cref="RaiseAnnualBills.RunAsync"/> for real. Then the
/// baseline in the same run: every row the run wrote, in each table it wrote, is copied out (not timed) and
/// written back raw into a table made from the same DDL: binary COPY on PostgreSQL, one prepared insert on
/// SQLite. The ratio of the two is the cost of working the bills out and of Reeve's write path.
/// </summary>
public static class AnnualBillingScenario
{
    private static readonly CouncilId Council = new(1);

    public static async Task<AnnualBillingFigures> RunAsync(
        ScratchDatabase scratch, AnnualBillingBenchOptions options, IClock clock, IProgress<BenchProgress>? progress = null, CancellationToken ct = default)
    {
        var db = scratch.Db;
        await MigrationRunner.MigrateAsync(db, ct);

        var setupStarted = Stopwatch.GetTimestamp();
        await AnnualBillingCouncil.CreateAsync(db, Council, options, clock.GetCurrentInstant(), progress, ct);
        var setup = Stopwatch.GetElapsedTime(setupStarted);

        // Bill the year through Reeve, sampling managed memory as it goes; the process's peak working set is
        // reset first where the kernel allows it (Linux), so that it covers the run rather than the set-up.
        var peakMeasure = PeakWorkingSet.Reset()
            ? "peak working set of the process during the run (VmHWM, reset before it)"
            : "peak working set of the process since it started";
        using var managed = new ManagedMemorySampler();
        const string stage = "Billing through Reeve";
        progress?.Report(new BenchProgress(stage, 0, options.Dwellings));
        var runProgress = new ForwardProgress(p => progress?.Report(new BenchProgress(stage, p.Done, p.Total)));
        var issuedOn = new LocalDate(options.Year, 3, 9);
        var started = Stopwatch.GetTimestamp();
        var outcome = await RaiseAnnualBills.RunAsync(db,
            new RaiseAnnualBills.Options(Council, new FinancialYear(options.Year), issuedOn, Preview: false, "bench", options.ChunkSize), clock, runProgress, ct);
        var reeve = Stopwatch.GetElapsedTime(started);
        var peakWorkingSet = PeakWorkingSet.Read();
        var peakManaged = managed.Stop();
        var report = outcome switch
        {
            Outcome<AnnualBillingReport>.Done done => done.Value,
            var other => throw new InvalidOperationException($"The benchmark's annual billing was refused: {other}"),
        };
        if (report.Problems.Count > 0)
        {
            throw new InvalidOperationException($"The benchmark council has dwellings Reeve could not bill, first: {report.Problems[0]}");
        }

        var tables = await AnnualBillingBaseline.RunAsync(db, progress, ct);
        return new AnnualBillingFigures(
            db.IsPostgres ? "postgres" : "sqlite", scratch.Description, options, setup, reeve,
            TimeSpan.FromTicks(tables.Sum(t => t.Baseline.Ticks)), TimeSpan.FromTicks(tables.Sum(t => t.Physical.Ticks)),
            db.IsPostgres ? "binary COPY" : "prepared insert",
            tables, peakWorkingSet, peakMeasure, peakManaged, report);
    }

    private sealed class ForwardProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }

    /// <summary>The highest GC.GetTotalMemory seen, sampled every 20 ms.</summary>
    internal sealed class ManagedMemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak = GC.GetTotalMemory(forceFullCollection: false);

        public ManagedMemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 20);

        private void Sample()
        {
            var now = GC.GetTotalMemory(forceFullCollection: false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }

        public long Stop()
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            Sample();
            return Interlocked.Read(ref _peak);
        }

        public void Dispose() => _timer.Dispose();
    }

    internal static class PeakWorkingSet
    {
        // Writing 5 to clear_refs resets the kernel's high-water mark of resident memory (Linux 4.0 and later).
        public static bool Reset()
        {
            try
            {
                if (!OperatingSystem.IsLinux())
                {
                    return false;
                }

                File.WriteAllText("/proc/self/clear_refs", "5");
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        public static long Read()
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return process.PeakWorkingSet64;
        }
    }
}

/// <summary>The benchmark's council: bands, charging areas, people and households, written in bulk.</summary>
internal static class AnnualBillingCouncil
{
    public const long FirstUprn = 10_000_000_000;
    private const int Batch = 50_000;

    // England's band mix, roughly (VOA Council Tax stock of properties): most dwellings in A to C.
    private static readonly (char Band, int Percent)[] BandMix = [('A', 24), ('B', 20), ('C', 22), ('D', 15), ('E', 9), ('F', 5), ('G', 4), ('H', 1)];

    private static readonly string[] Forenames = ["Ann", "Ben", "Chloe", "David", "Emma", "Farah", "George", "Hannah", "Imran", "Jack", "Kate", "Liam", "Mia", "Noah", "Olivia", "Priya"];
    private static readonly string[] Surnames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "Khan", "Green"];
    private static readonly string[] Streets = ["Mill Lane", "Church Street", "Station Road", "High Street", "Park Avenue", "Victoria Road", "Green Lane", "Manor Close"];

    // Three charging areas: the unparished district and two parishes with their own precepts.
    private static readonly (string Code, string Name, int Percent, long ParishPence)[] Areas = [("UNP", "Unparished", 70, 0), ("OAK", "Oakley Parish", 20, 6_512), ("FEN", "Fenby Parish", 10, 11_030)];

    public static async Task CreateAsync(ReeveDatabase db, CouncilId council, AnnualBillingBenchOptions options, Instant now, IProgress<BenchProgress>? progress, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var pg = db.IsPostgres;
        var at = now;
        await connection.ExecuteAsync(
            "insert into council (council_id, code, name, created_at) values (@id, 'BENCH', 'Benchmark Borough Council', @at)", new { id = council.Value, at });
        var year = new FinancialYear(options.Year);
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            foreach (var (code, name, _, parish) in Areas)
            {
                List<Precept> precepts =
                [
                    new("Benchmark Borough Council", "billing-authority", Money.FromPence(24_312), null),
                    new("Benchmark Borough Council (adult social care)", "adult-social-care", Money.FromPence(21_080), null),
                    new("Midshire County Council", "county", Money.FromPence(152_190), null),
                    new("Midshire Police and Crime Commissioner", "police", Money.FromPence(29_571), null),
                    new("Midshire Fire Authority", "fire", Money.FromPence(9_204), null),
                ];
                if (parish > 0)
                {
                    precepts.Add(new Precept(name, "parish", Money.FromPence(parish), null));
                }

                await ChargeSetting.SetAsync(connection, tx, council, code, name, year, precepts);
            }

            await tx.CommitAsync(ct);
        }

        const string stage = "Setting up dwellings";
        progress?.Report(new BenchProgress(stage, 0, options.Dwellings));
        long nextParty = 1;
        long nextAward = 1;
        for (var start = 0; start < options.Dwellings; start += Batch)
        {
            var count = Math.Min(Batch, options.Dwellings - start);
            var rows = Households(options.Seed, start, count, ref nextParty, ref nextAward, pg, at);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await BulkWriter.WriteAsync(connection, tx, "property",
                ["council_id", "uprn", "address_line1", "town", "postcode", "kind", "band", "search_key", "version", "created_at", "area_code"], rows.Properties, ct);
            await BulkWriter.WriteAsync(connection, tx, "party", ["council_id", "party_id", "kind", "date_of_birth", "version", "created_at"], rows.Parties, ct);
            await BulkWriter.WriteAsync(connection, tx, "party_name",
                ["council_id", "party_id", "name_seq", "forenames", "surname", "display_name", "search_key", "effective_from", "reason", "recorded_at", "recorded_by"], rows.Names, ct);
            await BulkWriter.WriteAsync(connection, tx, "residence",
                ["council_id", "residence_id", "uprn", "party_id", "resident_from", "interest", "recorded_at", "recorded_by"], rows.Residences, ct);
            await BulkWriter.WriteAsync(connection, tx, "ctax_award",
                ["council_id", "award_id", "uprn", "kind", "party_id", "code", "award_from", "evidence", "recorded_at", "recorded_by"], rows.Awards, ct);
            await tx.CommitAsync(ct);
            progress?.Report(new BenchProgress(stage, start + count, options.Dwellings));
        }

        // Keep the id blocks ahead of the ids written here, as the production paths would have left them.
        await IdAllocator.ReserveAsync(connection, null, council, "party", (int)nextParty);
        await IdAllocator.ReserveAsync(connection, null, council, "ctax_award", (int)nextAward);

        // Statistics as production has them after a load, so the run's reads plan as they would there.
        await connection.ExecuteAsync(pg ? "vacuum (analyze) property, party, party_name, residence, ctax_award" : "analyze", commandType: System.Data.CommandType.Text);
    }

    private sealed record HouseholdRows(List<object?[]> Properties, List<object?[]> Parties, List<object?[]> Names, List<object?[]> Residences, List<object?[]> Awards);

    /// <summary>
    /// A third of dwellings with one adult (single person discount), half with two joint liable adults (a couple
    /// owning or renting together), about one in eight with a liable adult and another adult resident, and a few
    /// percent with a liable adult and a full-time student, who is disregarded (LGFA 1992 Sch 1 para 4).
    /// </summary>
    private static HouseholdRows Households(int seed, int start, int count, ref long nextParty, ref long nextAward, bool pg, object at)
    {
        var random = new Random(unchecked((seed * 1_000_003) + start));
        var rows = new HouseholdRows(new(count), new(count * 2), new(count * 2), new(count * 2), new(count / 20));
        for (var i = start; i < start + count; i++)
        {
            var uprn = FirstUprn + i;
            var band = Pick(random.Next(100), BandMix, b => b.Percent).Band;
            var area = Pick(random.Next(100), Areas, a => a.Percent).Code;
            var street = Streets[random.Next(Streets.Length)];
            var line1 = $"{(i % 400) + 1} {street}";
            var postcode = $"MD{(i / 4000 % 20) + 1} {(i / 400 % 10)}{(char)('A' + (i % 26))}{(char)('A' + (i / 26 % 26))}";
            rows.Properties.Add([1, uprn, line1, "Benchmark", postcode, "domestic", band.ToString(), $"{line1} benchmark {postcode} {uprn}".ToLowerInvariant(), 1, at, area]);

            var interest = random.Next(100) < 64 ? "freeholder" : "tenant";
            var from = new LocalDate(2000, 1, 1).PlusDays(random.Next(9_000));
            var household = random.Next(100);
            var adults = household < 34 ? 1 : 2;
            for (var adult = 0; adult < adults; adult++)
            {
                var party = nextParty++;
                var forename = Forenames[random.Next(Forenames.Length)];
                var surname = Surnames[random.Next(Surnames.Length)];
                var born = new LocalDate(1940, 1, 1).PlusDays(random.Next(22_000));
                rows.Parties.Add([1, party, "person", born, 1, at]);
                rows.Names.Add([1, party, 1, forename, surname, $"{forename} {surname}", $"{surname} {forename}".ToLowerInvariant(), from, "Recorded", at, "bench"]);
                var role = adult == 0 || household < 84 ? interest : "other";
                rows.Residences.Add([1, party, uprn, party, from, role, at, "bench"]);
                if (adult == 1 && household >= 96)
                {
                    rows.Awards.Add([1, nextAward++, uprn, "disregard", party, "student", from, "Student certificate", at, "bench"]);
                }
            }
        }

        return rows;
    }

    private static T Pick<T>(int roll, T[] choices, Func<T, int> percent)
    {
        foreach (var choice in choices)
        {
            roll -= percent(choice);
            if (roll < 0)
            {
                return choice;
            }
        }

        return choices[^1];
    }
}
