using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class RecordMoveOutTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task Moving_out_mid_year_reverses_the_first_bill_and_posts_the_shorter_one()
    {
        // Nothing posted is edited: version 2 reverses version 1's charge and posts its own.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync('D', 2024, 2025);
        var sam = await PersonAsync("Sam", "Hart", new LocalDate(2020, 1, 1));
        await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2024, 6, 1), Interest.Tenant, null, "officer", Now));

        Clock.SetTo(Instant.FromUtc(2025, 10, 1, 9, 0));
        var outcome = await Db.InTransactionAsync((c, tx) => RecordMoveOut.RecordAsync(c, tx, Council, Uprn, sam, new LocalDate(2025, 9, 30), "officer", Now));

        var v2 = outcome.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        v2.Version.ShouldBe(2);
        v2.Net.ShouldBe(Money.FromPence(68_625)); // 183 days of £1,368.75
        var entries = await ReadAsync(c => ReadAccountLedger.EntriesAsync(c, Council, v2.AccountId));
        entries.Count(e => e.Kind == EntryKind.Reversal).ShouldBe(1);
        Balances.Of(entries.Where(e => e.Year == new FinancialYear(2025))).ShouldBe(v2.Net);
    }
}

public sealed class RecordMoveOutOnSqlite() : RecordMoveOutTests(new SqliteEngine());

public sealed class RecordMoveOutOnPostgres() : RecordMoveOutTests(new PostgresEngine());
