using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Properties;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class AnnualBillingTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly FinancialYear Year2026 = new(2026);
    private static readonly LocalDate IssuedOn = new(2026, 3, 9);

    private RaiseAnnualBills.Options Options(bool preview = false, int chunk = 2) => new(Council, Year2026, IssuedOn, preview, "annual-billing", chunk);

    // Five dwellings, bands A to E, each with one tenant (single person discount); Band D £2,000.00 in 2026/27.
    private async Task SetUpAsync(int dwellings = 5)
    {
        await InTransactionAsync(async (c, tx) =>
        {
            await ChargeSetting.SetAsync(c, tx, Council, "WLD", "Wealdmoor", Year2026,
                [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(200_000), Money.FromPence(190_000))]);
            for (var i = 0; i < dwellings; i++)
            {
                var uprn = 100_000_000_100L + i;
                await PropertyStore.AddAsync(c, tx, new NewProperty(Council, uprn, $"{i + 1} Mill Lane", null, null, "Wealdmoor", "WD1 1AB", PropertyKind.Domestic, (char)('A' + i)), Now);
                await c.ExecuteAsync("update property set area_code = 'WLD' where council_id = 1 and uprn = @uprn", new { uprn }, tx);
                var party = ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
                    new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, "Ann", $"Tenant{i}"), null, new LocalDate(2020, 1, 1), [], null), "test", Now)).Value;
                await c.ExecuteAsync(
                    "insert into residence (council_id, residence_id, uprn, party_id, resident_from, interest, recorded_at, recorded_by) values (1, @id, @uprn, @party, @from, 'tenant', @at, 'test')",
                    new { id = 900 + i, uprn, party, from = new LocalDate(2020, 1, 1), at = Now }, tx);
            }

            return 0;
        });
    }

    private Task<long> CountAsync(string table) => ReadAsync(c => c.ExecuteScalarAsync<long>($"select count(*) from {table}"));

    [Fact]
    public async Task Annual_billing_bills_every_dwelling_with_ten_instalments()
    {
        // CTAE Regs 1992 reg 18 and Sch 1 para 2: a notice issued before the year starts gives 10 monthly instalments.
        await SetUpAsync();

        var report = (await RaiseAnnualBills.RunAsync(Db, Options(), Clock)).ShouldBeOfType<Outcome<AnnualBillingReport>.Done>().Value;

        report.BillsIssued.ShouldBe(5);
        report.NewAccounts.ShouldBe(5);
        report.BillsByBand.Keys.ShouldBe(["A", "B", "C", "D", "E"]);
        // 6/9, 7/9, 8/9, 9/9 and 11/9 of £2,000.00 to the penny, less 25% to the penny: C is £1,777.78 less £444.45.
        report.Total.ShouldBe(Money.FromPence(100_000 + 116_667 + 133_333 + 150_000 + 183_333));
        (await CountAsync("instalment")).ShouldBe(50);
        (await CountAsync("ledger_entry")).ShouldBe(5);
    }

    [Fact]
    public async Task Preview_works_out_the_bills_and_writes_nothing()
    {
        await SetUpAsync();

        var report = (await RaiseAnnualBills.RunAsync(Db, Options(preview: true), Clock)).ShouldBeOfType<Outcome<AnnualBillingReport>.Done>().Value;

        report.BillsIssued.ShouldBe(5);
        (await CountAsync("bill")).ShouldBe(0);
        (await CountAsync("ledger_entry")).ShouldBe(0);
        (await CountAsync("account")).ShouldBe(0);
    }

    [Fact]
    public async Task A_run_that_stops_part_way_resumes_without_billing_anyone_twice()
    {
        // Each chunk commits on its own; a second run skips every account already billed for the year.
        await SetUpAsync();
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Done >= 2) stop.Cancel(); });

        await Should.ThrowAsync<OperationCanceledException>(() => RaiseAnnualBills.RunAsync(Db, Options(chunk: 2), Clock, progress, stop.Token));
        (await CountAsync("bill")).ShouldBe(2);

        var report = (await RaiseAnnualBills.RunAsync(Db, Options(chunk: 2), Clock)).ShouldBeOfType<Outcome<AnnualBillingReport>.Done>().Value;

        report.AlreadyBilled.ShouldBe(2);
        report.BillsIssued.ShouldBe(3);
        (await CountAsync("bill")).ShouldBe(5);
        (await CountAsync("ledger_entry")).ShouldBe(5);
        (await CountAsync("account")).ShouldBe(5);
    }

    [Fact]
    public async Task A_dwelling_with_bad_facts_is_reported_and_the_rest_are_billed()
    {
        await SetUpAsync();
        await InTransactionAsync((c, tx) => c.ExecuteAsync(
            "insert into ctax_award (council_id, award_id, uprn, kind, code, award_from, evidence, recorded_at, recorded_by) values (1, 1, 100000000100, 'exemption', 'F', @from, 'x', @at, 'test')",
            new { from = new LocalDate(2026, 4, 1), at = Now }, tx));

        var report = (await RaiseAnnualBills.RunAsync(Db, Options(), Clock)).ShouldBeOfType<Outcome<AnnualBillingReport>.Done>().Value;

        report.Problems.ShouldHaveSingleItem().Uprn.ShouldBe(100_000_000_100);
        report.BillsIssued.ShouldBe(4);
    }

    [Fact]
    public async Task Annual_billing_refuses_a_year_with_no_charges_set()
    {
        await SetUpAsync();

        var outcome = await RaiseAnnualBills.RunAsync(Db, Options() with { Year = new FinancialYear(2027), IssuedOn = new LocalDate(2027, 3, 9) }, Clock);

        outcome.ShouldBeOfType<Outcome<AnnualBillingReport>.Invalid>().Field.ShouldBe("year");
    }

    private sealed class SynchronousProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}

public sealed class AnnualBillingOnSqlite() : AnnualBillingTests(new SqliteEngine());

public sealed class AnnualBillingOnPostgres() : AnnualBillingTests(new PostgresEngine());
