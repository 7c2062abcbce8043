using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class RecordPartiesOnSqlite() : RecordPartiesTests(new SqliteEngine());

public sealed class RecordPartiesOnPostgres() : RecordPartiesTests(new PostgresEngine());

/// <summary>Recording many parties at once (an import meeting new customers) and finding parties by exact name for matching.</summary>
public abstract class RecordPartiesTests(IDatabaseEngine engine) : PeopleTest(engine)
{
    private static readonly LocalDate KnownFrom = new(2025, 5, 1);

    [Fact]
    public async Task Parties_recorded_together_read_back_as_one_recorded_alone_would()
    {
        var ids = (await InTransactionAsync((c, tx) => RecordParties.RecordAllAsync(c, tx, Council,
        [
            new RecordParties.NewParty(PartyKind.Person, NameParts.Person(null, "Jane", "Smith"), KnownFrom, new RecordParty.PostalAddressInput(null, "2 Low Road", null, null, "Anytown", "AB1 9ZZ")),
            new RecordParties.NewParty(PartyKind.Organisation, NameParts.Organisation("Acme Skips Ltd"), KnownFrom, null),
        ], "import", Now))).ShouldBeOfType<Outcome<IReadOnlyList<long>>.Done>().Value;

        ids.Count.ShouldBe(2);
        var jane = (await GetAsync(ids[0]))!;
        (jane.Kind, jane.DisplayName, jane.Addresses.ShouldHaveSingleItem().Postcode).ShouldBe((PartyKind.Person, "Jane Smith", "AB1 9ZZ"));
        var acme = (await GetAsync(ids[1]))!;
        (acme.Kind, acme.DisplayName, acme.Addresses.Count).ShouldBe((PartyKind.Organisation, "Acme Skips Ltd", 0));
        (await SearchAsync("smith jane")).ShouldHaveSingleItem().PartyId.ShouldBe(ids[0]);
    }

    [Fact]
    public async Task A_party_without_a_surname_refuses_the_whole_batch_naming_it()
    {
        var outcome = await InTransactionAsync((c, tx) => RecordParties.RecordAllAsync(c, tx, Council,
        [
            new RecordParties.NewParty(PartyKind.Person, NameParts.Person(null, "Jane", "Smith"), KnownFrom, null),
            new RecordParties.NewParty(PartyKind.Person, new NameParts(null, "Cher", null, null), KnownFrom, null),
        ], "import", Now));

        outcome.ShouldBeOfType<Outcome<IReadOnlyList<long>>.Invalid>().Field.ShouldBe("parties[1].surname");
        (await CountAsync("party")).ShouldBe(0);
    }

    [Fact]
    public async Task Matching_by_name_finds_either_order_of_a_persons_names_with_each_postcode()
    {
        var jane = await RecordPersonAsync("Jane", "Smith");
        await RecordPersonAsync("John", "Smith");

        var found = await ReadAsync(c => PartyMatching.ByNameAsync(c, null, Council, [NameParts.Person(null, "Jane", "Smith").SearchKey, "nobody at all"]));

        var match = found.ShouldHaveSingleItem();
        (match.PartyId, match.Postcode).ShouldBe((jane, (string?)null));
    }
}
