using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class RequestTwelveInstalmentsTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task A_request_for_twelve_instalments_spreads_the_rest_of_the_year_over_twelve_from_the_next_due_day()
    {
        // Reg 21(1A): the liable person may ask for 12 monthly instalments; with a notice re-issued on 2 April the
        // scheme for 12 runs to March. The standing request is kept for later bills.
        var account = await BilledAccountAsync();

        var outcome = await Db.InTransactionAsync((c, tx) => RequestTwelveInstalments.RequestAsync(c, tx, Council, account, "officer", Now));

        var bill = outcome.ShouldBeOfType<Outcome<RequestTwelveInstalments.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        bill.Instalments.Count.ShouldBeGreaterThan(10);
        Money.Sum(bill.Instalments.Select(i => i.Amount)).ShouldBe(bill.Net);
        (await Db.InTransactionAsync((c, tx) => RequestTwelveInstalments.RequestAsync(c, tx, Council, account, "officer", Now)))
            .ShouldBeOfType<Outcome<RequestTwelveInstalments.Result>.Done>().Value.AlreadyRequested.ShouldBeTrue();
    }
}

public sealed class RequestTwelveInstalmentsOnSqlite() : RequestTwelveInstalmentsTests(new SqliteEngine());

public sealed class RequestTwelveInstalmentsOnPostgres() : RequestTwelveInstalmentsTests(new PostgresEngine());
