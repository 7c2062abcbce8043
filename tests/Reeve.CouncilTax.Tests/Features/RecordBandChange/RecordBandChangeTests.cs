using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class RecordBandChangeTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task A_backdated_band_change_rebills_the_past_year_too()
    {
        // A schedule from the listing officer can take effect in an earlier year; each year is billed again.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync('D', 2024, 2025);
        var sam = await PersonAsync("Sam", "Hart", new LocalDate(2020, 1, 1));
        var ann = await PersonAsync("Sam", "Cole", new LocalDate(2020, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2024, 4, 1), Interest.Tenant, null, "officer", Now));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, ann, new LocalDate(2024, 4, 1), Interest.Tenant, null, "officer", Now));
        var account = (await AccountsAsync())[^1];

        Clock.SetTo(Instant.FromUtc(2025, 6, 1, 9, 0));
        var outcome = await Db.InTransactionAsync((c, tx) => RecordBandChange.RecordAsync(c, tx, Council, Uprn, new LocalDate(2024, 4, 1), "C", "Band reduced on appeal", "VOA 2025/118", "officer", Now));

        var versions = outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions;
        versions.Select(v => v.Year.StartYear).Order().ShouldBe([2024, 2025]);
        versions.ShouldAllBe(v => v.Net == Money.FromPence(162_222)); // Band C is 8/9 of £1,825
        (await ReadAsync(c => ReadBalance.BalanceAsync(c, Council, account))).ShouldBe(Money.FromPence(2 * 162_222));
    }
}

public sealed class RecordBandChangeOnSqlite() : RecordBandChangeTests(new SqliteEngine());

public sealed class RecordBandChangeOnPostgres() : RecordBandChangeTests(new PostgresEngine());
