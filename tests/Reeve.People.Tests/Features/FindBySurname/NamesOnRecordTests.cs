using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class NamesOnRecordOnSqlite() : NamesOnRecordTests(new SqliteEngine());

public sealed class NamesOnRecordOnPostgres() : NamesOnRecordTests(new PostgresEngine());

public abstract class NamesOnRecordTests(IDatabaseEngine engine) : PeopleTest(engine)
{
    [Fact]
    public async Task A_surname_finds_whoever_has_gone_by_it_including_before_a_change_of_name()
    {
        var jane = await RecordPersonAsync("Jane", "Hart");
        var sam = await RecordPersonAsync("Sam", "Hart");
        var omar = await RecordPersonAsync("Omar", "Hussain");
        (await ChangeNameAsync(jane, expectedVersion: 1, NameParts.Person("Mrs", "Jane", "Jones"))).ShouldBeOfType<Outcome<int>.Done>();

        (await ReadAsync(c => NamesOnRecord.PartiesWithSurnamesAsync(c, Council, ["HART", "NOBODY"], 10))).ShouldBe([jane, sam]);
        (await ReadAsync(c => NamesOnRecord.PartiesWithSurnamesAsync(c, Council, ["HART"], 1))).ShouldBe([jane]);
        (await ReadAsync(c => NamesOnRecord.PartiesWithSurnamesAsync(c, Council, ["HUSSAIN", "JONES"], 10))).ShouldBe([jane, omar]);
        (await ReadAsync(c => NamesOnRecord.PartiesWithSurnamesAsync(c, Council, [], 10))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_name_of_many_parties_is_read_at_once_oldest_first()
    {
        var jane = await RecordPersonAsync("Jane", "Hart");
        var sam = await RecordPersonAsync("Sam", "Hart");
        (await ChangeNameAsync(jane, expectedVersion: 1, NameParts.Person("Mrs", "Jane", "Jones"))).ShouldBeOfType<Outcome<int>.Done>();

        var names = await ReadAsync(c => NamesOnRecord.OfPartiesAsync(c, Council, [sam, jane, 424242]));

        names.Select(n => (n.PartyId, n.Forenames, n.Surname)).ShouldBe([(jane, "Jane", "Hart"), (jane, "Jane", "Jones"), (sam, "Sam", "Hart")]);
        names[1].DisplayName.ShouldContain("Jones");
    }
}
