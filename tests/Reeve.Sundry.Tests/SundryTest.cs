using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Sundry.Domain;
using Reeve.Sundry.Features.ImportInvoices;
using Reeve.Sundry.Features.SetUpServiceAreas;
using Reeve.TestKit;

namespace Reeve.Sundry.Tests;

/// <summary>
/// A council with two service areas: trade waste (income code TW01, standard-rated) and hall hire (HH01, exempt), and the
/// invoice files the tests import, written line by line in the layout of docs/domain/sundry-invoices.md.
/// </summary>
public abstract class SundryTest(IDatabaseEngine engine) : DatabaseTest(engine)
{
    public const string Header =
        "record_type,document_number,invoice_credited,customer_number,customer_type,customer_name,company_number,address_line1,address_line2,town,postcode,service_area,document_date,due_date,line_number,income_code,description,net,vat_code,vat";

    private bool _areasSetUp;

    /// <summary>Once per test, before its first import.</summary>
    protected async Task SetUpServiceAreasAsync()
    {
        if (_areasSetUp)
        {
            return;
        }

        _areasSetUp = true;
        await InTransactionAsync(async (connection, tx) =>
        {
            (await ServiceAreas.AddAsync(connection, tx, Council,
                new ServiceArea("TW", "Trade waste", "tradewaste@example.gov.uk", "tradewaste-ops@example.gov.uk"),
                new RecoveryProfile("TW", new LocalDate(2020, 4, 1), 14, 28, 42),
                [new IncomeCode("TW01", "TW", "Trade waste collection", "S", "Environmental Protection Act 1990 s45(4)")]))
                .ShouldBeOfType<Outcome<string>.Done>();
            (await ServiceAreas.AddAsync(connection, tx, Council,
                new ServiceArea("HH", "Hall hire", "halls@example.gov.uk", "halls@example.gov.uk"),
                new RecoveryProfile("HH", new LocalDate(2020, 4, 1), 7, 21, 35),
                [new IncomeCode("HH01", "HH", "Hire of community halls", "E", "Local Government Act 1972 s111 and s144")]))
                .ShouldBeOfType<Outcome<string>.Done>();
            return 0;
        });
    }

    /// <summary>A trade waste invoice line to 'Acme Skips Ltd' (customer C100), dated 1 May 2025 and due 31 May 2025, net and VAT as given.</summary>
    protected static string TradeWaste(string invoice, int line, string net, string vat, string customer = "C100", string name = "Acme Skips Ltd",
        string type = "organisation", string company = "01234567", string due = "2025-05-31", string postcode = "AB1 2CD") =>
        $"INV,{invoice},,{customer},{type},{name},{company},1 High Street,,Anytown,{postcode},TW,2025-05-01,{due},{line},TW01,Weekly collection,{net},S,{vat}";

    protected static string HallHire(string invoice, string net, string customer, string name, string postcode = "AB1 9ZZ") =>
        $"INV,{invoice},,{customer},individual,{name},,2 Low Road,,Anytown,{postcode},HH,2025-05-01,2025-05-15,1,HH01,Saturday hire,{net},E,0.00";

    protected static string Credit(string creditNote, string invoice, string net, string vat) =>
        $"CRN,{creditNote},{invoice},,,,,,,,,TW,2025-05-10,,1,TW01,Missed collections,{net},S,{vat}";

    protected static byte[] File(params string[] lines) => Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", lines) + "\n");

    protected async Task<ImportInvoices.Result> ImportAsync(byte[] file, string name = "receivables.csv")
    {
        await SetUpServiceAreasAsync();
        return await InTransactionAsync((connection, tx) => ImportInvoices.ImportAsync(connection, tx, new ImportInvoices.Request(Council, name, file, "nightly-import"), Now));
    }

    protected async Task<ImportInvoices.ImportReport> ImportedAsync(byte[] file, string name = "receivables.csv") =>
        (await ImportAsync(file, name)).ShouldBeOfType<ImportInvoices.Result.Imported>().Report;

    protected async Task<InvoiceProblem> RefusedAsync(byte[] file)
    {
        var problems = (await ImportAsync(file)).ShouldBeOfType<ImportInvoices.Result.Refused>().Problems;
        (await CountAsync("ledger_entry")).ShouldBe(0, "a refused file posts nothing");
        (await CountAsync("sundry_invoice")).ShouldBe(0);
        (await CountAsync("sundry_customer")).ShouldBe(0);
        return problems.ShouldHaveSingleItem();
    }

    protected Task<long> CountAsync(string table) =>
        ReadAsync(connection => connection.ExecuteScalarAsync<long>($"select count(*) from {table}"));

    protected Task<long> AccountOfAsync(string invoice) =>
        ReadAsync(connection => connection.ExecuteScalarAsync<long>("select account_id from sundry_invoice where council_id = 1 and invoice_number = @invoice", new { invoice }));
}
