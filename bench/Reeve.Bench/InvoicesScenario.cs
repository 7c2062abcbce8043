using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using NodaTime;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Sundry.Domain;
using Reeve.Sundry.Features.ImportInvoices;
using Reeve.Sundry.Features.SetUpServiceAreas;

namespace Reeve.Bench;

public sealed record InvoicesBenchOptions(int Lines, int Seed)
{
    public const int DefaultLines = 1_000_000;
    public const int DefaultSeed = 2026;
}

public sealed record InvoicesFigures(
    string Provider,
    string Database,
    InvoicesBenchOptions Options,
    TimeSpan Import,
    TimeSpan Baseline,
    string BaselineMethod,
    long PeakWorkingSetBytes,
    int Invoices,
    int EntriesPosted,
    int CustomersKnownBefore,
    int CustomersMatched,
    int CustomersCreated,
    TimeSpan ReimportSameFile,
    bool SameFilePostedNothing,
    TimeSpan ReimportSameInvoices,
    bool SameInvoicesPostedNothing)
{
    public const double RatioTarget = 2.0;
    public const long MemoryTargetBytes = 1L << 30;

    public double Ratio => Import / Baseline;
    public bool RatioPasses => Ratio <= RatioTarget;
    public bool MemoryPasses => PeakWorkingSetBytes < MemoryTargetBytes;
}

/// <summary>
/// The sundry invoice scenario (issue 15): a receivables extract of N lines (invoices of one to nine lines, about one
/// customer number to twenty lines, six in ten individuals, the rest organisations with company numbers; a third of the
/// customers already recorded as people with the same name and postcode, and some companies under two customer numbers)
/// imported through the production path (<see cref="ImportInvoices"/>: checks, customer matching, accounts, ledger)
/// against a raw load of the same lines into a twenty-column table in the same run (text COPY on PostgreSQL, one prepared
/// insert on SQLite). Then the same file again (recognised by its hash), and the same invoices in a file that differs by a
/// byte (each invoice recognised by its fingerprint): both must post nothing.
/// </summary>
public static class InvoicesScenario
{
    private static readonly CouncilId Council = new(1);

    private static readonly (string Area, string Name, string Code, string Vat, string Basis)[] Areas =
    [
        ("TW", "Trade waste", "TW01", "S", "Environmental Protection Act 1990 s45(4)"),
        ("LI", "Licensing", "LI01", "O", "Licensing Act 2003 s197"),
        ("CR", "Commercial rents", "CR01", "E", "Local Government Act 1972 s123 (lease)"),
        ("WD", "Works in default", "WD01", "O", "Building Act 1984 s107"),
        ("HH", "Hall hire", "HH01", "E", "Local Government Act 1972 s144"),
        ("PP", "Parking permits", "PP01", "O", "Road Traffic Regulation Act 1984 s45"),
    ];

    private static readonly string[] Forenames = ["Alice", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Harry", "Isla", "Jack", "Kiran", "Lily", "Mohammed", "Nia", "Oliver", "Priya"];
    private static readonly string[] Surnames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Khan"];

    public static async Task<InvoicesFigures> RunAsync(
        ScratchDatabase scratch, InvoicesBenchOptions options, IClock clock, IProgress<BenchProgress>? progress = null, CancellationToken ct = default)
    {
        var db = scratch.Db;
        var now = clock.GetCurrentInstant();
        await MigrationRunner.MigrateAsync(db, ct);
        var customers = Customers(options);
        byte[] file;
        await using (var connection = await db.OpenAsync(ct))
        {
            await connection.ExecuteAsync(
                "insert into council (council_id, code, name, created_at) values (@id, 'BENCH', 'Benchmark Borough Council', @now)",
                new { id = Council.Value, now });
            progress?.Report(new BenchProgress("Setting up service areas and the people already known", 0, 1));
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var (area, name, code, vat, basis) in Areas)
            {
                await ServiceAreas.AddAsync(connection, tx, Council, new ServiceArea(area, name, $"{area.ToLowerInvariant()}@bench.gov.uk", $"{area.ToLowerInvariant()}-ops@bench.gov.uk"),
                    new RecoveryProfile(area, new LocalDate(2020, 4, 1), 14, 28, 42), [new IncomeCode(code, area, name, vat, basis)]);
            }

            // A third of the customers are already people or organisations in Reeve (from council tax, say), at the same postcode.
            await RecordParties.RecordAllAsync(connection, tx, Council,
                customers.Where((_, i) => i % 3 == 0).Select(c => new RecordParties.NewParty(c.Organisation ? PartyKind.Organisation : PartyKind.Person,
                    c.Organisation ? NameParts.Organisation(c.Name) : NameParts.Person(null, c.Name.Split(' ')[0], c.Name.Split(' ')[1]),
                    new LocalDate(2020, 1, 1), new RecordParty.PostalAddressInput(null, c.Street, null, null, "Benchton", c.Postcode))).ToList(),
                "bench", now, ct);
            await tx.CommitAsync(ct);
            progress?.Report(new BenchProgress("Setting up service areas and the people already known", 1, 1));
            progress?.Report(new BenchProgress("Writing the invoice file", 0, options.Lines));
            file = InvoiceFile(options, customers);
            progress?.Report(new BenchProgress("Writing the invoice file", options.Lines, options.Lines));
        }

        progress?.Report(new BenchProgress("Raw load of the same lines", 0, 1));
        var baseline = await BaselineAsync(db, file, ct);
        progress?.Report(new BenchProgress("Raw load of the same lines", 1, 1));

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
        var started = Stopwatch.GetTimestamp();
        var result = await ImportInvoices.ImportAsync(db, new ImportInvoices.Request(Council, "bench-receivables.csv", file, "reeve bench invoices"), now, ct);
        var import = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync();
        await sampler;
        progress?.Report(new BenchProgress("Importing through Reeve", 1, 1));
        var report = result is ImportInvoices.Result.Imported imported
            ? imported.Report
            : throw new InvalidOperationException($"The benchmark file was not imported: {string.Join("; ", (result as ImportInvoices.Result.Refused)?.Problems.Take(5).Select(p => p.ToString()) ?? [result.ToString()])}");

        var entriesBefore = await CountEntriesAsync(db, ct);
        progress?.Report(new BenchProgress("Importing the same file again", 0, 1));
        started = Stopwatch.GetTimestamp();
        var again = await ImportInvoices.ImportAsync(db, new ImportInvoices.Request(Council, "bench-receivables.csv", file, "reeve bench invoices"), now, ct);
        var sameFile = Stopwatch.GetElapsedTime(started);
        var sameFileNothing = again is ImportInvoices.Result.AlreadyImported && await CountEntriesAsync(db, ct) == entriesBefore;
        progress?.Report(new BenchProgress("Importing the same file again", 1, 1));

        // The same invoices in a file that is not byte for byte the same (a blank line at the end): each invoice is known by its fingerprint.
        progress?.Report(new BenchProgress("Importing the same invoices in a new file", 0, 1));
        var resent = new byte[file.Length + 1];
        file.CopyTo(resent, 0);
        resent[^1] = (byte)'\n';
        file = [];
        started = Stopwatch.GetTimestamp();
        var resentResult = await ImportInvoices.ImportAsync(db, new ImportInvoices.Request(Council, "bench-receivables-resent.csv", resent, "reeve bench invoices"), now, ct);
        var sameInvoices = Stopwatch.GetElapsedTime(started);
        var sameInvoicesNothing = resentResult is ImportInvoices.Result.Imported { Report: { InvoicesPosted: 0, EntriesPosted: 0 } } && await CountEntriesAsync(db, ct) == entriesBefore;
        progress?.Report(new BenchProgress("Importing the same invoices in a new file", 1, 1));

        return new InvoicesFigures(db.IsPostgres ? "postgres" : "sqlite", scratch.Description, options, import, baseline,
            db.IsPostgres ? "text COPY" : "prepared insert", peak, report.InvoicesPosted, report.EntriesPosted,
            report.CustomersCount(CustomerOutcome.Known),
            report.CustomersCount(CustomerOutcome.MatchedByNameAndPostcode) + report.CustomersCount(CustomerOutcome.MatchedByCompanyNumber),
            report.CustomersCount(CustomerOutcome.Created), sameFile, sameFileNothing, sameInvoices, sameInvoicesNothing);
    }

    private sealed record Customer(string Number, bool Organisation, string Name, string? Company, string Street, string Postcode);

    private static List<Customer> Customers(InvoicesBenchOptions options)
    {
        var random = new Random(options.Seed);
        var count = Math.Max(1, options.Lines / 20);
        var list = new List<Customer>(count);
        for (var i = 0; i < count; i++)
        {
            var organisation = random.Next(10) >= 6;
            // Every fiftieth organisation is a second customer number for the company before it.
            var company = organisation ? (i % 50 == 1 && list.Count > 0 && list[^1].Company is { } previous ? previous : (10_000_000 + i).ToString("D8", CultureInfo.InvariantCulture)) : null;
            var name = organisation
                ? $"Bench Trading {i.ToString(CultureInfo.InvariantCulture)} Ltd"
                : $"{Forenames[random.Next(Forenames.Length)]} {Surnames[random.Next(Surnames.Length)]}{i.ToString(CultureInfo.InvariantCulture)}";
            list.Add(new Customer($"CUST{i:D7}", organisation, name, company, $"{1 + random.Next(200)} Bench Road",
                $"BN{1 + (i % 20)} {i % 10}{(char)('A' + (i % 26))}{(char)('A' + (i / 26 % 26))}"));
        }

        return list;
    }

    private static byte[] InvoiceFile(InvoicesBenchOptions options, IReadOnlyList<Customer> customers)
    {
        var random = new Random(options.Seed + 1);
        var text = new StringBuilder(options.Lines * 190);
        text.Append("record_type,document_number,invoice_credited,customer_number,customer_type,customer_name,company_number,address_line1,address_line2,town,postcode,service_area,document_date,due_date,line_number,income_code,description,net,vat_code,vat\n");
        var written = 0;
        var invoice = 0;
        while (written < options.Lines)
        {
            invoice++;
            var customer = customers[random.Next(customers.Count)];
            var (area, name, code, vat, _) = Areas[random.Next(Areas.Length)];
            var date = new LocalDate(2025, 4, 1).PlusDays(random.Next(180));
            var header = string.Create(CultureInfo.InvariantCulture,
                $"INV,SI{invoice:D8},,{customer.Number},{(customer.Organisation ? "organisation" : "individual")},{customer.Name},{customer.Company},{customer.Street},,Benchton,{customer.Postcode},{area},{DateText.FormatIso(date)},{DateText.FormatIso(date.PlusDays(30))},");
            var lines = Math.Min(1 + random.Next(9), options.Lines - written);
            for (var line = 1; line <= lines; line++)
            {
                var net = 500 + random.Next(50_000);
                var vatPence = vat == "S" ? (net * 2 + 5) / 10 : 0; // 20%, to the nearest penny
                text.Append(header).Append(line.ToString(CultureInfo.InvariantCulture)).Append(',').Append(code).Append(',').Append(name).Append(" charge ").Append(line.ToString(CultureInfo.InvariantCulture))
                    .Append(',').Append(Money.FromPence(net).ToPlainString()).Append(',').Append(vat).Append(',').Append(Money.FromPence(vatPence).ToPlainString()).Append('\n');
            }

            written += lines;
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<long> CountEntriesAsync(ReeveDatabase db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>("select count(*) from ledger_entry");
    }

    private static async Task<TimeSpan> BaselineAsync(ReeveDatabase db, byte[] file, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var columns = string.Join(", ", Enumerable.Range(1, 20).Select(i => $"c{i} text"));
        await connection.ExecuteAsync($"create table invoice_line_baseline ({columns})");
        var started = Stopwatch.GetTimestamp();
        if (connection is NpgsqlConnection pg)
        {
            await using var writer = await pg.BeginTextImportAsync("copy invoice_line_baseline from stdin (format csv, header true)", ct);
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
        insert.CommandText = "insert into invoice_line_baseline values (" + string.Join(", ", Enumerable.Range(1, 20).Select(i => $"@p{i}")) + ")";
        var p = Enumerable.Range(1, 20).Select(i =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = $"p{i}";
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        insert.Prepare();
        foreach (var line in Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var fields = line.Split(',');
            for (var i = 0; i < p.Length; i++)
            {
                p[i].Value = fields[i];
            }

            await insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }
}
