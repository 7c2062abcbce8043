using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class ChooseInstalmentDayTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task A_direct_debit_payer_can_move_unpaid_instalments_to_the_day_they_choose()
    {
        var account = await BilledAccountAsync();
        Clock.SetTo(Instant.FromUtc(2025, 4, 20, 9, 0));

        var outcome = await Db.InTransactionAsync((c, tx) => ChooseInstalmentDay.ChooseAsync(c, tx, Council, account, 15, "officer", Now));

        var bill = outcome.ShouldBeOfType<Outcome<ChooseInstalmentDay.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        bill.Version.ShouldBe(2);
        Money.Sum(bill.Instalments.Select(i => i.Amount)).ShouldBe(bill.Net);
        // The bill of 2 April has its first instalment on 1 May, within 14 days of 20 April, so it stands (Sch 1 para 6);
        // the rest move to the 15th.
        bill.Instalments[0].Due.ShouldBe(new LocalDate(2025, 5, 1));
        bill.Instalments.Skip(1).ShouldAllBe(i => i.Due.Day == 15);
        (await ReadAsync(c => AccountInstalmentTerms.OfAsync(c, Council, account)))!.Day.ShouldBe(15);
    }

    [Fact]
    public async Task Asking_for_the_day_already_set_changes_nothing_and_days_that_not_every_month_has_are_refused()
    {
        var account = await BilledAccountAsync();

        (await Db.InTransactionAsync((c, tx) => ChooseInstalmentDay.ChooseAsync(c, tx, Council, account, 1, "officer", Now)))
            .ShouldBeOfType<Outcome<ChooseInstalmentDay.Result>.Done>().Value.Unchanged.ShouldBeTrue();
        (await Db.InTransactionAsync((c, tx) => ChooseInstalmentDay.ChooseAsync(c, tx, Council, account, 29, "officer", Now)))
            .ShouldBeOfType<Outcome<ChooseInstalmentDay.Result>.Invalid>().Field.ShouldBe("day");
        (await Db.InTransactionAsync((c, tx) => ChooseInstalmentDay.ChooseAsync(c, tx, Council, account + 1000, 15, "officer", Now)))
            .ShouldBeOfType<Outcome<ChooseInstalmentDay.Result>.NotFound>();
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from bill"))).ShouldBe(1);
    }
}

public sealed class ChooseInstalmentDayOnSqlite() : ChooseInstalmentDayTests(new SqliteEngine());

public sealed class ChooseInstalmentDayOnPostgres() : ChooseInstalmentDayTests(new PostgresEngine());
