using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class MarkDeceasedOnSqlite() : MarkDeceasedTests(new SqliteEngine());

public sealed class MarkDeceasedOnPostgres() : MarkDeceasedTests(new PostgresEngine());

public abstract class MarkDeceasedTests(IDatabaseEngine engine) : PeopleTest(engine)
{
    [Fact]
    public async Task A_living_person_is_marked_deceased_once_and_another_councils_person_is_not_touched()
    {
        var partyId = await RecordPersonAsync("Pat", "Reed");
        var other = await Councils.SeedOtherAsync(Db, Now);

        (await InTransactionAsync((c, tx) => MarkDeceased.MarkAsync(c, tx, Council, partyId, new LocalDate(2025, 8, 10)))).ShouldBeTrue();
        (await InTransactionAsync((c, tx) => MarkDeceased.MarkAsync(c, tx, Council, partyId, new LocalDate(2025, 8, 1)))).ShouldBeFalse();
        (await InTransactionAsync((c, tx) => MarkDeceased.MarkAsync(c, tx, other, partyId, new LocalDate(2025, 8, 1)))).ShouldBeFalse();

        var party = (await GetAsync(partyId)).ShouldNotBeNull();
        party.DeceasedOn.ShouldBe(new LocalDate(2025, 8, 10));
        party.Version.ShouldBe(2);
    }
}
