using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Sundry.Domain;
using Reeve.Sundry.Features.SetUpServiceAreas;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.ImportInvoices;

/// <summary>`reeve sundry import-invoices FILE`: a SQLite database with one council and a trade waste service area.</summary>
public sealed class ImportInvoicesCommandTests : IAsyncLifetime
{
    private const string Header =
        "record_type,document_number,invoice_credited,customer_number,customer_type,customer_name,company_number,address_line1,address_line2,town,postcode,service_area,document_date,due_date,line_number,income_code,description,net,vat_code,vat";

    private static readonly CouncilId Council = new(1);
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("reeve.db");

    public async Task InitializeAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await MigrationRunner.MigrateAsync(db);
        await Seed.CouncilAsync(db, Council, "test", Instant.FromUtc(2025, 4, 1, 9, 0));
        await using var c = await db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        await ServiceAreas.AddAsync(c, tx, Council, new ServiceArea("TW", "Trade waste", "tw@example.gov.uk", "tw@example.gov.uk"),
            new RecoveryProfile("TW", new LocalDate(2020, 4, 1), 14, 28, 42), [new IncomeCode("TW01", "TW", "Trade waste", "S", "Environmental Protection Act 1990 s45(4)")]);
        await tx.CommitAsync();
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private string InvoiceFile(params string[] lines)
    {
        var path = _folder.File($"receivables-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\n", [Header, .. lines]) + "\n");
        return path;
    }

    private static string Line(string invoice, string net, string vat, string due = "2025-05-31") =>
        $"INV,{invoice},,C100,organisation,Acme Skips Ltd,01234567,1 High Street,,Anytown,AB1 2CD,TW,2025-05-01,{due},1,TW01,Collection,{net},S,{vat}";

    private async Task<long> CountAsync(string table)
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }

    [Fact]
    public async Task An_invoice_file_is_imported_with_its_totals_and_a_match_report_and_again_posts_nothing()
    {
        var file = InvoiceFile(Line("SI1", "100.00", "20.00"), Line("SI2", "10.00", "2.00"));
        var report = _folder.File("matches.csv");

        var run = await CliRun.RunAsync("sundry", "import-invoices", file, "--db", Db, "--match-report", report);
        var again = await CliRun.RunAsync("sundry", "import-invoices", file, "--db", Db);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldMatch(@"Invoices charged\s+│\s+2\s+│\s+£132\.00");
        run.Stdout.ShouldMatch(@"new people and organisations recorded\s+│\s+1");
        File.ReadAllText(report).ShouldContain("\"C100\",\"Acme Skips Ltd\",new people and organisations recorded");
        again.ExitCode.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldContain("already imported");
        (await CountAsync("ledger_entry")).ShouldBe(2);
    }

    [Fact]
    public async Task A_bad_file_exits_2_naming_line_and_field_and_posts_nothing()
    {
        var run = await CliRun.RunAsync("sundry", "import-invoices", InvoiceFile(Line("SI1", "100.00", "20.00"), Line("SI2", "10.00", "2.00", due: "2025-06-31")), "--db", Db);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("line 3: due_date:");
        (await CountAsync("ledger_entry")).ShouldBe(0);
    }

    [Fact]
    public async Task The_sundry_calculators_answer_on_the_command_line()
    {
        var fee = await CliRun.RunWithInputAsync("""{ "claimAmount": "15432.00", "route": "paper", "date": "2021-06-01" }""", "calc", "county-court-claim-fee");
        var interest = await CliRun.RunWithInputAsync("""{ "debt": "5000.00", "dueDate": "2025-05-31", "asAt": "2025-08-31" }""", "calc", "late-payment-interest");

        fee.ExitCode.ShouldBe(0, fee.Stdout);
        fee.Stdout.ShouldContain("\"fee\": \"771.60\"");
        interest.ExitCode.ShouldBe(0, interest.Stdout);
        interest.Stdout.ShouldContain("\"interest\": \"160.68\"");
    }
}
