using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class RequestPrintRunOnSqlite() : RequestPrintRunTests(new SqliteEngine());

public sealed class RequestPrintRunOnPostgres() : RequestPrintRunTests(new PostgresEngine());

public abstract class RequestPrintRunTests(IDatabaseEngine engine) : DatabaseTest(engine), IDisposable
{
    private static readonly LocalDate IssuedOn = new(2026, 5, 12);
    private readonly string _folder = Directory.CreateTempSubdirectory("reeve-print-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<long[]> ThreeBilledAccountsAsync()
    {
        await BilledDwellings.BillAsync(Db, Council, Clock,
            new BilledDwellings.Dwelling(100_000_000_101, "10 Tanners Row", "WD10 1AB", 'A', "Ash"),
            new BilledDwellings.Dwelling(100_000_000_102, "3 Mill Lane", "WD3 1AA", 'B', "Birch"),
            new BilledDwellings.Dwelling(100_000_000_103, "1 Church Walk", "WD1 9ZZ", 'C', "Cedar"));
        return
        [
            await BilledDwellings.AccountOnAsync(Db, Council, 100_000_000_101),
            await BilledDwellings.AccountOnAsync(Db, Council, 100_000_000_102),
            await BilledDwellings.AccountOnAsync(Db, Council, 100_000_000_103),
        ];
    }

    private Task QueueReminderAsync(long accountId, long pence) => InTransactionAsync(async (c, tx) =>
        (await LetterRequests.RequestAsync(c, tx, new LetterRequest(Council, accountId, IssuedOn, $"run-1/{accountId}/reminder-1",
            new ReminderFields(2026, 1, Money.FromPence(pence), IssuedOn.PlusDays(6), Money.FromPence(pence * 5), IssuedOn.PlusDays(14))), Now))
        .ShouldBeOfType<Outcome<QueuedLetter>.Done>());

    private Task MarkGoneAwayAsync(long accountId) => InTransactionAsync(async (c, tx) =>
    {
        var party = await c.ExecuteScalarAsync<long>("select party_id from account_party where council_id = 1 and account_id = @accountId", new { accountId }, tx);
        // Address 0 is the dwelling itself: these tenants have no other correspondence address.
        await ReturnedMail.MarkAsync(c, tx, Council, party, 0, new LocalDate(2026, 5, 1), "officer", Now);
        return 0;
    });

    private async Task<RequestPrintResult> PrintAsync() =>
        (await RequestPrintRun.PrintAsync(Db, new RequestPrintRun.Options(Council, LetterType.Reminder, IssuedOn, _folder), Clock))
        .ShouldBeOfType<Outcome<RequestPrintResult>.Done>().Value;

    [Fact]
    public async Task Queued_reminders_print_in_postcode_order_and_a_gone_away_address_is_held_not_printed()
    {
        var accounts = await ThreeBilledAccountsAsync();
        await QueueReminderAsync(accounts[0], 30_400);
        await QueueReminderAsync(accounts[1], 20_000);
        await QueueReminderAsync(accounts[2], 10_000);
        await MarkGoneAwayAsync(accounts[1]);

        var result = await PrintAsync();

        result.Problems.ShouldBeEmpty();
        result.Letters.Select(l => l.Postcode).ShouldBe(["WD1 9ZZ", "WD10 1AB"]);
        result.Held.ShouldHaveSingleItem().AccountId.ShouldBe(accounts[1]);
        result.Held[0].ReturnedOn.ShouldBe(new LocalDate(2026, 5, 1));
        result.NoticesStored.ShouldBe(2);
        File.ReadAllText(Path.Combine(_folder, "reminder-2026-05-12-held.csv")).ShouldContain("Ms Ann Birch");
        var manifest = File.ReadAllText(Path.Combine(_folder, result.Manifest));
        manifest.ShouldNotContain("Birch");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request_notice"))).ShouldBe(2);
        var notices = await ReadAsync(c => NoticeStore.ForAccountAsync(c, Council, accounts[2]));
        notices.ShouldHaveSingleItem().Type.ShouldBe(LetterType.Reminder);

        var text = LetterPdfTests.PdfToText(File.ReadAllBytes(Path.Combine(_folder, result.Files[0])));
        // The first letter in the file is Cedar's (WD1 9ZZ): reg 23(1) sum and date, then reg 23(3).
        text.ShouldReadInOrder(["Ms Ann Cedar", "WD1 9ZZ", "Council Tax reminder notice 2026/27", "£100.00", "18 May 2026",
            "lose the right to pay by instalments", "£500.00", "26 May 2026", "Ms Ann Ash", "£304.00"]);
        text.ShouldNotContain("Birch");
    }

    [Fact]
    public async Task Printing_the_same_letters_again_stores_nothing_new_and_records_one_print_run()
    {
        var accounts = await ThreeBilledAccountsAsync();
        await QueueReminderAsync(accounts[0], 30_400);

        var first = await PrintAsync();
        var second = await PrintAsync();

        second.NoticesStored.ShouldBe(0);
        second.AlreadyStored.ShouldBe(1);
        second.PrintId.ShouldBe(first.PrintId);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_notice"))).ShouldBe(1);
        var runs = await ReadAsync(c => PrintFiles.ListAsync(c, Council));
        runs.ShouldHaveSingleItem().Files.ShouldBe(["reminder-2026-05-12-001.pdf", "reminder-2026-05-12-manifest.csv"]);
        var file = await ReadAsync(c => PrintFiles.FileAsync(c, Council, first.PrintId, "reminder-2026-05-12-001.pdf"));
        file.ShouldNotBeNull().Content.ShouldBe(File.ReadAllBytes(Path.Combine(_folder, "reminder-2026-05-12-001.pdf")));
    }

    [Fact]
    public async Task Every_letter_type_composes_for_a_real_account_from_a_written_request()
    {
        var accounts = await ThreeBilledAccountsAsync();
        foreach (var type in LetterTypes.All)
        {
            var fields = WrittenLetters.For(type, Money.FromPence(12_345), BilledDwellings.IssuedOn);
            if (fields is DemandNoticeFields)
            {
                fields = new DemandNoticeFields(BilledDwellings.Year.StartYear);
            }

            var composed = (await ReadAsync(c => ComposeLetter.ComposeAsync(c, Council, accounts[2], fields, BilledDwellings.IssuedOn)))
                .ShouldBeOfType<Outcome<ComposedLetter>.Done>(type.Code()).Value;
            composed.Model.Recipient.Name.ShouldBe("Ms Ann Cedar");
            composed.Model.GetType().ShouldBe(type.ModelType());
            LetterRenderer.WithDefaults().Render(type, Channel.Letter, composed.Model).Pdf.ShouldNotBeNull();
        }
    }
}
