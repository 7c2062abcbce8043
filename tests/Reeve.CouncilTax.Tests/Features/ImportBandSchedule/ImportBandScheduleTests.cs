using System.Text;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Properties;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class ImportBandScheduleTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const long Lived = 100_000_000_123;
    private const long Empty = 100_000_000_124;
    private const long NewBuild = 100_000_000_200;
    private static readonly LocalDate AppliedOn = new(2025, 6, 1);

    private const string Header = "schedule_reference,uprn,address_line1,address_line2,town,postcode,band,effective_date,reason_code,comment,area_code";

    // A backdated band change for a lived-in dwelling, a new build, and a deletion.
    private static readonly string GoodFile = string.Join("\r\n",
        Header,
        "CTS/2025/014,100000000123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,Band reduced on appeal,",
        "CTS/2025/014,100000000200,\"Flat 2, The Maltings\",Mill Lane,Wealdmoor,WD1 2AB,B,2025-05-01,NEW,New build,WLD",
        "CTS/2025/014,100000000124,3 Mill Lane,,Wealdmoor,WD1 1AB,,2025-05-01,DEL,Demolished,") + "\r\n";

    // Two dwellings on Mill Lane in area WLD, Band D £1,825.00 for 2024 and 2025; two adults at number 1 since 1 April 2024.
    private async Task ListAsync()
    {
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await InTransactionAsync(async (c, tx) =>
        {
            foreach (var (uprn, line1) in new[] { (Lived, "1 Mill Lane"), (Empty, "3 Mill Lane") })
            {
                (await PropertyStore.AddAsync(c, tx, new NewProperty(Council, uprn, line1, null, null, "Wealdmoor", "WD1 1AB", PropertyKind.Domestic, 'D'), Now))
                    .ShouldBeOfType<Outcome<Property>.Done>();
                await c.ExecuteAsync("update property set area_code = 'WLD' where council_id = 1 and uprn = @uprn", new { uprn }, tx);
            }

            foreach (var year in new[] { 2024, 2025 })
            {
                await ChargeSetting.SetAsync(c, tx, Council, "WLD", "Wealdmoor", new FinancialYear(year),
                    [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(150_000), null),
                     new Precept("Police and Crime Commissioner", "police", Money.FromPence(32_500), null)]);
            }

            return 0;
        });
        foreach (var surname in new[] { "Hart", "Cole" })
        {
            var party = await InTransactionAsync(async (c, tx) =>
                ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
                    new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, "Sam", surname), null, new LocalDate(1980, 1, 1), [], null), "test", Now)).Value);
            await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Lived, party, new LocalDate(2024, 4, 1), Interest.Tenant, null, "officer", Now));
        }

        Clock.SetTo(Instant.FromUtc(2025, 6, 1, 9, 0));
    }

    private Task<ImportBandSchedule.Result> ImportAsync(string text, bool preview = false) =>
        ImportBandSchedule.ImportAsync(Db, new ImportBandSchedule.Request(Council, "schedule.csv", Encoding.UTF8.GetBytes(text), AppliedOn, preview, "officer"), Now);

    private Task<long> CountAsync(string table) => ReadAsync(c => c.ExecuteScalarAsync<long>($"select count(*) from {table}"));

    private async Task<(long Entries, long Bills, long BandChanges, long Properties, long Imports)> EverythingAsync() =>
        (await CountAsync("ledger_entry"), await CountAsync("bill"), await CountAsync("band_change"), await CountAsync("property"), await CountAsync("band_schedule_import"));

    [Fact]
    public async Task A_good_file_adds_the_new_build_and_rebills_the_backdated_band_change_in_both_years()
    {
        // LGFA 1992 s5 and CT (Alteration of Lists and Appeals) Regs 2009: an alteration has effect from the day the
        // schedule says, so a band change back to 2024 re-bills 2024/25 as well as 2025/26.
        await ListAsync();

        var result = await ImportAsync(GoodFile);

        var summary = result.ShouldBeOfType<ImportBandSchedule.Result.Applied>().Summary;
        summary.LinesOf(ScheduleReason.BandChange).ShouldBe(1);
        summary.LinesOf(ScheduleReason.NewEntry).ShouldBe(1);
        summary.LinesOf(ScheduleReason.Deletion).ShouldBe(1);
        summary.DwellingsRebilled.ShouldBe(1);
        summary.BillVersions.ShouldBe(2);
        // The second move-in opened a joint account; its bills for both years are now at Band C, 8/9 of £1,825.
        var joint = await ReadAsync(c => c.ExecuteScalarAsync<long>("select max(account_id) from bill"));
        var bills = (await ReadAsync(c => c.QueryAsync<(long Year, long Version, long Net, string Reason)>(
            "select financial_year, version, net_pence, reason from bill where account_id = @joint order by financial_year, version", new { joint }))).ToList();
        bills.Select(b => (b.Year, b.Version, b.Net)).ShouldBe([(2024L, 1L, 182_500L), (2024L, 2L, 162_222L), (2025L, 1L, 182_500L), (2025L, 2L, 162_222L)]);
        bills.Where(b => b.Version == 2).ShouldAllBe(b => b.Reason.Contains("CTS/2025/014"));
        (await ReadAsync(c => ReadBalance.BalanceAsync(c, Council, joint))).ShouldBe(Money.FromPence(2 * 162_222));
        var added = (await ReadAsync(c => PropertyStore.GetAsync(c, Council, NewBuild))).ShouldNotBeNull();
        (added.Line1, added.Band, added.Postcode).ShouldBe(("Flat 2, The Maltings", (char?)'B', "WD1 2AB"));
        (await ReadAsync(c => c.ExecuteScalarAsync<string>("select area_code from property where uprn = 100000000200"))).ShouldBe("WLD");
        (await ReadAsync(c => c.QueryAsync<string>("select outcome from band_schedule_line order by line_no"))).ShouldBe(["band-changed", "added", "not-applied"]);
    }

    [Fact]
    public async Task The_same_file_imported_twice_posts_nothing_the_second_time()
    {
        // An idempotency key for a change from outside (house style): the SHA-256 of the file's bytes.
        await ListAsync();
        var first = await ImportAsync(GoodFile);
        var after = await EverythingAsync();

        var second = await ImportAsync(GoodFile);

        var again = second.ShouldBeOfType<ImportBandSchedule.Result.AlreadyImported>();
        again.ImportId.ShouldBe(first.ShouldBeOfType<ImportBandSchedule.Result.Applied>().Summary.ImportId!.Value);
        again.FileName.ShouldBe("schedule.csv");
        (await EverythingAsync()).ShouldBe(after);
    }

    [Fact]
    public async Task A_file_with_one_bad_line_changes_nothing_and_names_the_line_and_field()
    {
        await ListAsync();
        var before = await EverythingAsync();
        var bad = GoodFile + "CTS/2025/014,100000000125,5 Mill Lane,,Wealdmoor,WD1 1AB,J,2025-05-01,NEW,,WLD\r\n";

        var result = await ImportAsync(bad);

        result.ShouldBeOfType<ImportBandSchedule.Result.Refused>().Problems.ShouldHaveSingleItem().ToString()
            .ShouldBe("line 5, field band: 'J' is not a band: a council tax band in England is A to H");
        (await EverythingAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Lines_are_checked_against_the_list_as_it_stands()
    {
        // A band change or deletion needs a dwelling on the list; a new entry needs a UPRN that is not.
        await ListAsync();
        var before = await EverythingAsync();
        var file = string.Join("\n",
            Header,
            "CTS/1,999999999999,9 Nowhere,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,",
            "CTS/1,100000000123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,NEW,,",
            "CTS/1,100000000300,7 Mill Lane,,Wealdmoor,WD1 1AB,C,2025-05-01,NEW,,XYZ",
            "CTS/1,100000000301,8 Mill Lane,,Wealdmoor,WD1 1AB,C,2025-05-01,NEW,,",
            "CTS/1,100000000301,8 Mill Lane,,Wealdmoor,WD1 1AB,D,2025-06-01,AMD,,");

        var result = await ImportAsync(file);

        result.ShouldBeOfType<ImportBandSchedule.Result.Refused>().Problems.Select(p => (p.Line, p.Field)).ShouldBe(
            [(2, "uprn"), (3, "uprn"), (4, "area_code")]);
        (await EverythingAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_preview_reports_what_would_change_and_writes_nothing()
    {
        await ListAsync();
        var before = await EverythingAsync();

        var preview = await ImportAsync(GoodFile, preview: true);

        var applied = preview.ShouldBeOfType<ImportBandSchedule.Result.Applied>();
        applied.Preview.ShouldBeTrue();
        applied.Summary.BillVersions.ShouldBe(2);
        applied.Summary.ImportId.ShouldBeNull();
        applied.Summary.Lines.ShouldContain((ScheduleReason.BandChange, (Band?)Band.C, 1));
        (await EverythingAsync()).ShouldBe(before);
        (await ImportAsync(GoodFile)).ShouldBeOfType<ImportBandSchedule.Result.Applied>().Preview.ShouldBeFalse();
    }

    [Fact]
    public async Task A_band_change_that_cannot_be_billed_rolls_back_the_whole_file()
    {
        // The dwelling at number 3 has no charging area, so it cannot be billed; the new build before it is not kept either.
        await ListAsync();
        await InTransactionAsync((c, tx) => c.ExecuteAsync("update property set area_code = null where uprn = 100000000124", transaction: tx));
        var before = await EverythingAsync();
        var file = string.Join("\n",
            Header,
            "CTS/1,100000000300,7 Mill Lane,,Wealdmoor,WD1 1AB,C,2025-05-01,NEW,,WLD",
            "CTS/1,100000000124,3 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,");

        var result = await ImportAsync(file);

        var problem = result.ShouldBeOfType<ImportBandSchedule.Result.Refused>().Problems.ShouldHaveSingleItem();
        (problem.Line, problem.Field).ShouldBe((3, "areaCode"));
        (await EverythingAsync()).ShouldBe(before);
        (await CountAsync("band_schedule_line")).ShouldBe(0);
    }
}

public sealed class ImportBandScheduleOnSqlite() : ImportBandScheduleTests(new SqliteEngine());

public sealed class ImportBandScheduleOnPostgres() : ImportBandScheduleTests(new PostgresEngine());
