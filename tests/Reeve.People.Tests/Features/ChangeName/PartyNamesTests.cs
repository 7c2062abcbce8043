using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class PartyNamesOnSqlite() : PartyNamesTests(new SqliteEngine());

public sealed class PartyNamesOnPostgres() : PartyNamesTests(new PostgresEngine());

public abstract class PartyNamesTests(IDatabaseEngine engine) : PeopleTest(engine)
{
    [Fact]
    public async Task A_change_of_name_becomes_the_current_name_and_keeps_the_former_one()
    {
        // Names are history: letters and court papers issued under the old name must still make sense.
        var partyId = await RecordPersonAsync("Jane", "Smith");

        var outcome = await ChangeNameAsync(partyId, expectedVersion: 1, NameParts.Person("Mrs", "Jane", "Jones"));

        outcome.ShouldBeOfType<Outcome<int>.Done>().Value.ShouldBe(2);
        var party = (await GetAsync(partyId)).ShouldNotBeNull();
        party.Version.ShouldBe(2);
        party.DisplayName.ShouldBe("Mrs Jane Jones");
        party.Names.Select(n => (n.Sequence, n.Surname, n.Reason)).ShouldBe([(1, "Smith", "First recorded"), (2, "Jones", "Marriage")]);
    }

    [Fact]
    public async Task Each_change_of_name_adds_one_and_the_newest_is_current()
    {
        var partyId = await RecordPersonAsync("Jane", "Smith");

        (await ChangeNameAsync(partyId, expectedVersion: 1, NameParts.Person(null, "Jane", "Jones"))).ShouldBeOfType<Outcome<int>.Done>();
        (await ChangeNameAsync(partyId, expectedVersion: 2, NameParts.Person(null, "Jane", "Brown"), "Deed poll")).ShouldBeOfType<Outcome<int>.Done>();

        var party = (await GetAsync(partyId)).ShouldNotBeNull();
        party.Version.ShouldBe(3);
        party.CurrentName.Surname.ShouldBe("Brown");
        party.Names.Select(n => n.Surname).ShouldBe(["Smith", "Jones", "Brown"]);
    }

    [Fact]
    public async Task Current_names_of_many_parties_are_read_at_once_each_the_newest()
    {
        var jane = await RecordPersonAsync("Jane", "Smith");
        var omar = await RecordPersonAsync("Omar", "Hussain");
        (await ChangeNameAsync(jane, expectedVersion: 1, NameParts.Person("Mrs", "Jane", "Jones"))).ShouldBeOfType<Outcome<int>.Done>();

        var names = await ReadAsync(c => PartyNames.CurrentAsync(c, Council, [jane, omar, 424242]));

        names.Count.ShouldBe(2);
        names[jane].ShouldBe("Mrs Jane Jones");
        names[omar].ShouldBe("Omar Hussain");
    }

    [Fact]
    public async Task A_change_from_a_stale_version_is_a_conflict_and_writes_nothing()
    {
        // Optimistic concurrency: the second officer saved over a version someone else had already changed.
        var partyId = await RecordPersonAsync("Jane", "Smith");
        (await ChangeNameAsync(partyId, expectedVersion: 1, NameParts.Person(null, "Jane", "Jones"))).ShouldBeOfType<Outcome<int>.Done>();

        var stale = await ChangeNameAsync(partyId, expectedVersion: 1, NameParts.Person(null, "Jane", "Brown"));

        stale.ShouldBeOfType<Outcome<int>.Conflict>().Message.ShouldBe(Concurrency.ConflictMessage);
        var party = (await GetAsync(partyId)).ShouldNotBeNull();
        party.Version.ShouldBe(2);
        party.Names.Select(n => n.Surname).ShouldBe(["Smith", "Jones"]);
    }

    [Fact]
    public async Task A_new_name_without_a_surname_is_refused_and_writes_nothing()
    {
        var partyId = await RecordPersonAsync("Jane", "Smith");

        var outcome = await ChangeNameAsync(partyId, expectedVersion: 1, NameParts.Person(null, "Jane", ""));

        outcome.ShouldBeOfType<Outcome<int>.Invalid>().Field.ShouldBe("surname");
        var party = (await GetAsync(partyId)).ShouldNotBeNull();
        party.Version.ShouldBe(1);
        party.Names.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_change_of_name_without_a_reason_is_refused()
    {
        var partyId = await RecordPersonAsync("Jane", "Smith");

        var outcome = await ChangeNameAsync(partyId, expectedVersion: 1, NameParts.Person(null, "Jane", "Jones"), reason: " ");

        outcome.ShouldBeOfType<Outcome<int>.Invalid>().Field.ShouldBe("reason");
        (await GetAsync(partyId)).ShouldNotBeNull().Version.ShouldBe(1);
    }

    [Fact]
    public async Task Changing_the_name_of_a_party_that_does_not_exist_is_not_found()
    {
        var outcome = await ChangeNameAsync(partyId: 424242, expectedVersion: 1, NameParts.Person(null, "Jane", "Jones"));

        outcome.ShouldBeOfType<Outcome<int>.NotFound>();
    }
}
