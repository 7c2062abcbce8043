using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Properties;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class InstalmentChoiceTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const long Uprn = 100_000_000_777;

    private async Task<long> BilledAccountAsync()
    {
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        var party = await InTransactionAsync(async (c, tx) =>
        {
            await PropertyStore.AddAsync(c, tx, new NewProperty(Council, Uprn, "7 Mill Lane", null, null, "Wealdmoor", "WD1 1AB", PropertyKind.Domestic, 'D'), Now);
            await c.ExecuteAsync("update property set area_code = 'WLD' where council_id = 1 and uprn = @Uprn", new { Uprn }, tx);
            await ChargeSetting.SetAsync(c, tx, Council, "WLD", "Wealdmoor", new FinancialYear(2025),
                [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(182_500), null)]);
            return ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
                new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, "Ivy", "Hale"), null, new LocalDate(1980, 1, 1), [], null), "test", Now)).Value;
        });
        var moved = await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, party, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now);
        return moved.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.Single().AccountId;
    }

    [Fact]
    public async Task A_direct_debit_payer_can_move_unpaid_instalments_to_the_day_they_choose()
    {
        var account = await BilledAccountAsync();
        Clock.SetTo(Instant.FromUtc(2025, 4, 20, 9, 0));

        var outcome = await ChooseInstalmentDay.ChooseAsync(Db, Council, account, 15, "officer", Now);

        var bill = outcome.ShouldBeOfType<Outcome<ChooseInstalmentDay.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        bill.Version.ShouldBe(2);
        Money.Sum(bill.Instalments.Select(i => i.Amount)).ShouldBe(bill.Net);
        // The bill of 2 April has its first instalment on 1 May, within 14 days of 20 April, so it stands (Sch 1 para 6);
        // the rest move to the 15th.
        bill.Instalments[0].Due.ShouldBe(new LocalDate(2025, 5, 1));
        bill.Instalments.Skip(1).ShouldAllBe(i => i.Due.Day == 15);
        (await ReadAsync(c => c.ExecuteScalarAsync<int>("select instalment_day from account where account_id = @account", new { account }))).ShouldBe(15);
    }

    [Fact]
    public async Task Asking_for_the_day_already_set_changes_nothing_and_days_that_not_every_month_has_are_refused()
    {
        var account = await BilledAccountAsync();

        (await ChooseInstalmentDay.ChooseAsync(Db, Council, account, 1, "officer", Now))
            .ShouldBeOfType<Outcome<ChooseInstalmentDay.Result>.Done>().Value.Unchanged.ShouldBeTrue();
        (await ChooseInstalmentDay.ChooseAsync(Db, Council, account, 29, "officer", Now))
            .ShouldBeOfType<Outcome<ChooseInstalmentDay.Result>.Invalid>().Field.ShouldBe("day");
        (await ChooseInstalmentDay.ChooseAsync(Db, Council, account + 1000, 15, "officer", Now))
            .ShouldBeOfType<Outcome<ChooseInstalmentDay.Result>.NotFound>();
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from bill"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_request_for_twelve_instalments_spreads_the_rest_of_the_year_over_twelve_from_the_next_due_day()
    {
        // Reg 21(1A): the liable person may ask for 12 monthly instalments; with a notice re-issued on 2 April the
        // scheme for 12 runs to March. The standing request is kept for later bills.
        var account = await BilledAccountAsync();

        var outcome = await RequestTwelveInstalments.RequestAsync(Db, Council, account, "officer", Now);

        var bill = outcome.ShouldBeOfType<Outcome<RequestTwelveInstalments.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        bill.Instalments.Count.ShouldBeGreaterThan(10);
        Money.Sum(bill.Instalments.Select(i => i.Amount)).ShouldBe(bill.Net);
        (await RequestTwelveInstalments.RequestAsync(Db, Council, account, "officer", Now))
            .ShouldBeOfType<Outcome<RequestTwelveInstalments.Result>.Done>().Value.AlreadyRequested.ShouldBeTrue();
    }
}

public sealed class InstalmentChoiceOnSqlite() : InstalmentChoiceTests(new SqliteEngine());

public sealed class InstalmentChoiceOnPostgres() : InstalmentChoiceTests(new PostgresEngine());
