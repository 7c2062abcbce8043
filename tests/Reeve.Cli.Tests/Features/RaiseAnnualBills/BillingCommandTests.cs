using Dapper;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.RaiseAnnualBills;

public sealed class BillingCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("council.db");

    public void Dispose() => _folder.Dispose();

    // Three dwellings, bands A to C, each with one tenant (single person discount); Band D £2,000.00 in 2026/27.
    // The fourth has no charging area, so it cannot be billed.
    private async Task SetUpAsync()
    {
        (await CliRun.RunAsync("db", "migrate", "--db", Db)).ExitCode.ShouldBe(0);
        using var db = ReeveDatabase.Sqlite(Db);
        await Seed.CouncilAsync(db, new CouncilId(1), "WLD", CliRun.Now);
        await using var c = await db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        await ChargeSetting.SetAsync(c, tx, new CouncilId(1), "WLD", "Wealdmoor", new FinancialYear(2026),
            [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(200_000), null)]);
        var at = CliRun.Now;
        for (var i = 0; i < 4; i++)
        {
            var uprn = 100_000_000_100L + i;
            await c.ExecuteAsync(
                "insert into property (council_id, uprn, address_line1, town, postcode, kind, band, search_key, created_at, area_code) " +
                "values (1, @uprn, @line1, 'Wealdmoor', 'WD1 1AB', 'domestic', @band, @line1, @at, @area)",
                new { uprn, line1 = $"{i + 1} Mill Lane", band = ((char)('A' + i)).ToString(), at, area = i < 3 ? "WLD" : null }, tx);
            await c.ExecuteAsync("insert into party (council_id, party_id, kind, created_at) values (1, @party, 'person', @at)", new { party = 500 + i, at }, tx);
            await c.ExecuteAsync(
                "insert into residence (council_id, residence_id, uprn, party_id, resident_from, interest, recorded_at, recorded_by) values (1, @id, @uprn, @party, '2020-01-01', 'tenant', @at, 'test')",
                new { id = 900 + i, uprn, party = 500 + i, at }, tx);
        }

        await tx.CommitAsync();
    }

    private async Task<long> CountAsync(string table)
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }

    private Task<CliOutput> BillAsync(params string[] extra) =>
        CliRun.RunAsync(["billing", "annual", "--db", Db, "--year", "2026", "--issued-on", "2026-03-09", .. extra]);

    [Fact]
    public async Task Preview_reports_the_bills_and_writes_nothing()
    {
        await SetUpAsync();

        var run = await BillAsync("--preview");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("Preview: nothing was written");
        run.Stdout.ShouldContain("Bills issued");
        (await CountAsync("bill")).ShouldBe(0);
        (await CountAsync("account")).ShouldBe(0);
        (await CountAsync("ledger_entry")).ShouldBe(0);
        (await CountAsync("billing_run")).ShouldBe(0);
    }

    [Fact]
    public async Task A_run_bills_every_dwelling_it_can_and_lists_the_one_it_cannot()
    {
        // CTAE Regs 1992 reg 18: one demand notice per liable person; a dwelling with no Band D charge is reported, not billed.
        await SetUpAsync();

        var run = await BillAsync();

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("UPRN 100000000103, field areaCode:");
        run.Stdout.ShouldContain("Run id: 1");
        // A, B and C: 6/9, 7/9 and 8/9 of £2,000.00, each less 25%.
        run.Stdout.ShouldContain("£3,500.00");
        (await CountAsync("bill")).ShouldBe(3);
        (await CountAsync("instalment")).ShouldBe(30);
        (await CountAsync("ledger_entry")).ShouldBe(3);
    }

    [Fact]
    public async Task A_second_run_bills_nobody_twice()
    {
        await SetUpAsync();
        (await BillAsync("--chunk", "2")).ExitCode.ShouldBe(0);

        var again = await BillAsync("--chunk", "2");

        again.ExitCode.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldMatch(@"Already billed \(skipped\)\s*│\s*3\s");
        again.Stdout.ShouldMatch(@"Bills issued\s*│\s*0\s");
        (await CountAsync("bill")).ShouldBe(3);
        (await CountAsync("ledger_entry")).ShouldBe(3);
        (await CountAsync("account")).ShouldBe(3);
    }

    [Theory]
    [InlineData("--year", "20x6")]
    [InlineData("--year", "1900")]
    [InlineData("--issued-on", "2026-02-30")]
    [InlineData("--issued-on", "9/3/2026")]
    [InlineData("--chunk", "0")]
    public async Task Malformed_options_exit_2_naming_the_option(string option, string value)
    {
        await SetUpAsync();

        var run = await CliRun.RunAsync("billing", "annual", "--db", Db, "--year", "2026", option, value);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(option);
        (await CountAsync("bill")).ShouldBe(0);
    }

    [Fact]
    public async Task The_year_is_required()
    {
        var run = await CliRun.RunAsync("billing", "annual", "--db", Db);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--year");
    }

    [Theory]
    [InlineData("--issued-on", "2027-04-01", "2026")]
    [InlineData("--year", "2027", "2027")]
    public async Task A_run_the_module_refuses_exits_2_naming_the_option(string option, string value, string year)
    {
        // Bills for a year must be issued within it; a year with no Band D charges set cannot be billed.
        await SetUpAsync();

        var run = await CliRun.RunAsync("billing", "annual", "--db", Db, "--year", year, "--issued-on", option == "--issued-on" ? value : "2027-03-09");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain($"{option}:");
        (await CountAsync("bill")).ShouldBe(0);
    }

    [Fact]
    public async Task A_council_that_does_not_exist_exits_2()
    {
        await SetUpAsync();

        var run = await BillAsync("--council", "7");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--council");
    }
}
