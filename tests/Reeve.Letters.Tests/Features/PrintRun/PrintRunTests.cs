using System.Text;
using Dapper;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class PrintRunOnSqlite() : PrintRunTests(new SqliteEngine());

public sealed class PrintRunOnPostgres() : PrintRunTests(new PostgresEngine());

public abstract class PrintRunTests(IDatabaseEngine engine) : DatabaseTest(engine), IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reeve-print-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    // Three dwellings whose UPRN order is not their postcode order.
    private Task<long> BillThreeAsync() => BilledDwellings.BillAsync(Db, Council, Clock,
        new BilledDwellings.Dwelling(100_000_000_101, "10 Tanners Row", "WD10 1AB", 'A', "Ash"),
        new BilledDwellings.Dwelling(100_000_000_102, "3 Mill Lane", "WD3 1AA", 'B', "Birch"),
        new BilledDwellings.Dwelling(100_000_000_103, "1 Church Walk", "WD1 9ZZ", 'C', "Cedar"));

    private async Task<PrintResult> PrintAsync(long runId, string folder) =>
        (await PrintRun.PrintAsync(Db, new PrintRun.Options(Council, (await RunAsync(runId)).ShouldNotBeNull(), folder), Clock))
        .ShouldBeOfType<Outcome<PrintResult>.Done>().Value;

    // The run as Council Tax, which owns billing runs and bills, hands it to the print run.
    private Task<BillingRunToPrint?> RunAsync(long runId) => ReadAsync(c => Reeve.CouncilTax.BillingRunBills.ForPrintAsync(c, Council, runId));

    private Task<long> CountAsync(string table) => ReadAsync(c => c.ExecuteScalarAsync<long>($"select count(*) from {table}"));

    [Fact]
    public async Task A_run_prints_one_letter_per_bill_in_postcode_order_each_stored_against_its_demand_notice_event()
    {
        var runId = await BillThreeAsync();

        var result = await PrintAsync(runId, _folder);

        result.Problems.ShouldBeEmpty();
        result.Files.ShouldBe([$"run-{runId}-demand-notices-001.pdf"]);
        result.Letters.Select(l => l.Postcode).ShouldBe(["WD1 9ZZ", "WD3 1AA", "WD10 1AB"]);
        result.Letters.Select(l => l.Sequence).ShouldBe([1, 2, 3]);
        result.Letters.Select(l => l.FirstPage).ShouldBe([1, 1 + result.Letters[0].Pages, 1 + result.Letters[0].Pages + result.Letters[1].Pages]);
        result.NoticesStored.ShouldBe(3);
        var csv = File.ReadAllText(Path.Combine(_folder, result.Manifest)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].ShouldBe("sequence,file,first_page,account_reference,name,address,postcode,pages,weight_class,inserts");
        csv[1].ShouldBe($"1,run-{runId}-demand-notices-001.pdf,1,{result.Letters[0].AccountReference},Ms Ann Cedar,\"1 Church Walk, Wealdmoor\",WD1 9ZZ,2,letter-100g,direct-debit-form");
        csv.Length.ShouldBe(4);
        // Each notice is linked to the account and to the demand-notice event annual billing recorded for it.
        var unlinked = await ReadAsync(c => c.ExecuteScalarAsync<long>(
            "select count(*) from letter_notice n where not exists (select 1 from account_event e where e.council_id = n.council_id and " +
            "e.event_id = n.caused_by_event_id and e.account_id = n.account_id and e.kind = 'demand-notice')"));
        unlinked.ShouldBe(0);
        (await CountAsync("letter_notice")).ShouldBe(3);
    }

    [Fact]
    public async Task Printing_the_same_run_twice_writes_the_same_files_and_stores_nothing_new()
    {
        var runId = await BillThreeAsync();
        var again = Directory.CreateDirectory(Path.Combine(_folder, "again")).FullName;

        var first = await PrintAsync(runId, _folder);
        var counts = new[] { await CountAsync("letter_document"), await CountAsync("letter_notice"), await CountAsync("account_event"), await CountAsync("print_batch") };
        var second = await PrintAsync(runId, again);

        second.NoticesStored.ShouldBe(0);
        second.AlreadyStored.ShouldBe(3);
        second.ChangedSinceStored.ShouldBe(0);
        new[] { await CountAsync("letter_document"), await CountAsync("letter_notice"), await CountAsync("account_event"), await CountAsync("print_batch") }.ShouldBe(counts);
        counts.ShouldBe([3, 3, counts[2], 1]);
        foreach (var file in first.Files.Append(first.Manifest))
        {
            File.ReadAllBytes(Path.Combine(again, file)).ShouldBe(File.ReadAllBytes(Path.Combine(_folder, file)), file);
        }
    }

    [Fact]
    public async Task Pdftotext_reads_the_print_file_as_the_letters_one_after_another_in_manifest_order()
    {
        var runId = await BillThreeAsync();
        var result = await PrintAsync(runId, _folder);

        var text = LetterPdfTests.PdfToText(File.ReadAllBytes(Path.Combine(_folder, result.Files[0])));

        text.ShouldReadInOrder(result.Letters.SelectMany(letter => new[]
        {
            letter.Name, letter.Postcode, letter.AccountReference, "Council Tax bill 2026/27", "Payment slip", $"Page {letter.Pages} of {letter.Pages}",
        }));

        Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(_folder, result.Files[0]))).Split("/FontFile2").Length.ShouldBe(3, "each font embedded once");
    }

    [Fact]
    public async Task An_unknown_run_is_not_found()
    {
        (await RunAsync(999)).ShouldBeNull();
    }
}
