using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class SearchPeopleOnSqlite() : SearchPeopleTests(new SqliteEngine());

public sealed class SearchPeopleOnPostgres() : SearchPeopleTests(new PostgresEngine());

public abstract class SearchPeopleTests(IDatabaseEngine engine) : PeopleTest(engine)
{
    [Theory]
    [InlineData("Lovelace")]
    [InlineData("Lovelace Ada")]
    [InlineData("Ada Lovelace")]
    [InlineData("ada LOVELACE")]
    [InlineData("LOVELACE ada")]
    [InlineData("  lovelace   ada ")]
    public async Task A_person_is_found_by_surname_and_forename_in_either_order_in_any_case(string text)
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        await RecordPersonAsync("Charles", "Babbage");

        var found = await SearchAsync(text);

        found.ShouldHaveSingleItem().PartyId.ShouldBe(ada);
    }

    [Fact]
    public async Task A_person_with_several_forenames_is_found_by_any_one_of_them_with_the_surname()
    {
        var ada = await RecordPersonAsync("Augusta Ada", "King");

        (await SearchAsync("ada king")).ShouldHaveSingleItem().PartyId.ShouldBe(ada);
        (await SearchAsync("king augusta")).ShouldHaveSingleItem().PartyId.ShouldBe(ada);
    }

    [Fact]
    public async Task A_name_with_accented_letters_is_found_in_any_case()
    {
        var zoe = await RecordPersonAsync("Zoë", "Ångström");

        (await SearchAsync("ÅNGSTRÖM zoë")).ShouldHaveSingleItem().PartyId.ShouldBe(zoe);
    }

    [Fact]
    public async Task A_person_is_found_by_a_former_name_and_shown_by_the_current_one()
    {
        // Callers often give the name on an old bill; the officer must still find them, under who they are now.
        var jane = await RecordPersonAsync("Jane", "Smith");
        (await ChangeNameAsync(jane, expectedVersion: 1, NameParts.Person(null, "Jane", "Jones"))).ShouldBeOfType<Outcome<int>.Done>();

        var byFormer = await SearchAsync("smith jane");
        var byCurrent = await SearchAsync("Jones");

        byFormer.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            m => m.PartyId.ShouldBe(jane),
            m => m.DisplayName.ShouldBe("Jane Jones"));
        byCurrent.ShouldHaveSingleItem().PartyId.ShouldBe(jane);
    }

    [Fact]
    public async Task Every_word_typed_must_match_one_name()
    {
        await RecordPersonAsync("Ada", "Lovelace");
        await RecordPersonAsync("Ada", "Byron");

        (await SearchAsync("ada")).Count.ShouldBe(2);
        (await SearchAsync("ada byron")).ShouldHaveSingleItem().DisplayName.ShouldBe("Ada Byron");
        (await SearchAsync("ada babbage")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Words_from_the_current_and_a_former_name_together_do_not_make_a_match()
    {
        // Each name is matched on its own: "Jane Jones" was never "Smith Jones".
        var jane = await RecordPersonAsync("Jane", "Smith");
        (await ChangeNameAsync(jane, expectedVersion: 1, NameParts.Person(null, "Jane", "Jones"))).ShouldBeOfType<Outcome<int>.Done>();

        (await SearchAsync("smith jones")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_match_shows_the_latest_address()
    {
        var request = Person("Ada", "Lovelace") with
        {
            Address = new RecordParty.PostalAddressInput(null, "12 Analytical Row", null, null, "London", "NW1 6XE"),
        };
        (await RecordAsync(request)).ShouldBeOfType<Outcome<long>.Done>();

        (await SearchAsync("lovelace")).ShouldHaveSingleItem().Address.ShouldBe("12 Analytical Row, NW1 6XE");
    }

    [Fact]
    public async Task An_organisation_is_found_by_its_name()
    {
        var request = Person("unused", "unused") with { Kind = PartyKind.Organisation, Name = NameParts.Organisation("Acme Widgets Ltd") };
        var acme = (await RecordAsync(request)).ShouldBeOfType<Outcome<long>.Done>().Value;

        (await SearchAsync("widgets acme")).ShouldHaveSingleItem().PartyId.ShouldBe(acme);
    }

    [Fact]
    public async Task A_party_of_another_council_is_never_found()
    {
        // Councils sharing an installation must never see each other's people.
        await Councils.SeedOtherAsync(Db, Now);
        var ours = await RecordPersonAsync("Ada", "Lovelace");
        var theirs = await RecordPersonAsync("Ada", "Lovelace", Councils.Other);

        (await SearchAsync("lovelace")).ShouldHaveSingleItem().PartyId.ShouldBe(ours);
        (await SearchAsync("lovelace", Councils.Other)).ShouldHaveSingleItem().PartyId.ShouldBe(theirs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("lo%ce")]
    [InlineData("lovel_ce")]
    [InlineData("%")]
    [InlineData("_ %")]
    public async Task A_blank_search_or_one_with_typed_wildcards_finds_no_one(string text)
    {
        // What an officer types is matched as text: % and _ are not wildcards.
        await RecordPersonAsync("Ada", "Lovelace");

        (await SearchAsync(text)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Smith SW1A 1AA")]
    [InlineData("sw1a 1aa smith")]
    [InlineData("smith sw1a1aa")]
    [InlineData("jane smith SW1A")]
    public async Task A_person_is_found_by_name_and_postcode_together(string text)
    {
        // The commonest search on a phone call: "what is your name and postcode?"
        var jane = await RecordPersonAtAsync("Jane", "Smith", "1 High Street", "SW1A 1AA");
        await RecordPersonAtAsync("John", "Smith", "4 Low Road", "LS1 4AP");
        await RecordPersonAtAsync("Amy", "Jones", "2 High Street", "SW1A 1AA");

        (await SearchAsync(text)).ShouldHaveSingleItem().PartyId.ShouldBe(jane);
    }

    [Fact]
    public async Task A_street_name_does_not_find_everyone_who_lives_on_it()
    {
        // "Hill" is a surname: the Hills are wanted, not every resident of Hill Road.
        var hill = await RecordPersonAtAsync("Anne", "Hill", "3 Oak Lane", "LS2 7EW");
        await RecordPersonAtAsync("Bob", "Green", "9 Hill Road", "LS2 9JT");

        (await SearchAsync("hill")).ShouldHaveSingleItem().PartyId.ShouldBe(hill);
    }

    [Fact]
    public async Task A_long_list_is_counted_in_full_and_read_a_page_at_a_time()
    {
        // Sixty Smiths: the officer is told there are sixty, not shown the first fifty as if that were all.
        for (var i = 0; i < 60; i++)
        {
            await RecordPersonAsync($"Person{i:00}", "Smith");
        }

        var third = await ReadAsync(connection => PartyReader.SearchPageAsync(connection, Council, "smith", 3, 25));
        var all = new List<long>();
        for (var page = 1; page <= 3; page++)
        {
            all.AddRange((await ReadAsync(connection => PartyReader.SearchPageAsync(connection, Council, "smith", page, 25))).Items.Select(m => m.PartyId));
        }

        third.ShouldSatisfyAllConditions(
            p => p.Total.ShouldBe(60),
            p => p.PageCount.ShouldBe(3),
            p => p.Items.Count.ShouldBe(10),
            p => p.From.ShouldBe(51),
            p => p.To.ShouldBe(60));
        all.Distinct().Count().ShouldBe(60);
    }

    private async Task<long> RecordPersonAtAsync(string forenames, string surname, string line1, string postcode) =>
        (await RecordAsync(Person(forenames, surname) with { Address = new RecordParty.PostalAddressInput(null, line1, null, null, "Leeds", postcode) }))
        .ShouldBeOfType<Outcome<long>.Done>().Value;
}
