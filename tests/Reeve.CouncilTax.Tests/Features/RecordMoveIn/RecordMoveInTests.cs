using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class RecordMoveInTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task Moving_in_opens_an_account_and_bills_it_with_instalments()
    {
        // LGFA 1992 s6 and s2; CTAE Regs 1992 reg 18 and Sch 1: a new resident is billed from the day they move in.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync('D', 2024, 2025);
        var sam = await PersonAsync("Sam", "Hart", new LocalDate(2020, 1, 1));

        var outcome = await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now));

        var bill = outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        bill.Net.ShouldBe(Money.FromPence(136_875)); // one adult: £1,825 less 25%
        bill.Instalments.Count.ShouldBe(10);
        Money.Sum(bill.Instalments.Select(i => i.Amount)).ShouldBe(bill.Net);
        var balance = await ReadAsync(c => ReadBalance.BalanceAsync(c, Council, bill.AccountId));
        balance.ShouldBe(bill.Net);
    }

    [Fact]
    public async Task A_move_in_re_bills_its_own_year_and_leaves_earlier_years_as_they_were_billed()
    {
        // Ivy has lived there since 1 April 2024 and was billed for 2024/25 and 2025/26. The 2024/25 bill no longer
        // matches the charges held for that year (as with a year an opening load brought from the old system); Sam
        // moving in on 1 June 2025 changes 2025/26 only, so 2024/25 keeps its one version.
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await DwellingAsync('D', 2024, 2025);
        var ivy = await PersonAsync("Ivy", "Hale", new LocalDate(1980, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, ivy, new LocalDate(2024, 4, 1), Interest.Tenant, null, "officer", Now));
        await InTransactionAsync(async (c, tx) =>
        {
            await ChargeSetting.SetAsync(c, tx, Council, "WLD", "Wealdmoor", new FinancialYear(2024),
                [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(140_000), null)]);
            return 0;
        });
        var sam = await PersonAsync("Sam", "Hart", new LocalDate(1990, 1, 1));

        var outcome = await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2025, 6, 1), Interest.Tenant, null, "officer", Now));

        outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldAllBe(v => v.Year == new FinancialYear(2025));
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from bill where council_id = 1 and financial_year = 2024"))).ShouldBe(1);
    }
}

public sealed class RecordMoveInOnSqlite() : RecordMoveInTests(new SqliteEngine());

public sealed class RecordMoveInOnPostgres() : RecordMoveInTests(new PostgresEngine());
