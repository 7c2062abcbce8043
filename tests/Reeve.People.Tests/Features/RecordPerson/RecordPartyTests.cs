using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class RecordPartyOnSqlite() : RecordPartyTests(new SqliteEngine());

public sealed class RecordPartyOnPostgres() : RecordPartyTests(new PostgresEngine());

public abstract class RecordPartyTests(IDatabaseEngine engine) : PeopleTest(engine)
{
    [Fact]
    public async Task A_person_reads_back_with_name_date_of_birth_contacts_and_address()
    {
        Clock.SetTo(Instant.FromUtc(2025, 5, 12, 10, 15, 30));
        var request = new RecordParty.Request(
            Council,
            PartyKind.Person,
            NameParts.Person("Mrs", "Ada Mary", "Lovelace"),
            DateOfBirth: new LocalDate(1985, 12, 10),
            KnownFrom: new LocalDate(2025, 5, 1),
            Contacts: [("email", "ada@example.org"), ("mobile", "07700 900123")],
            Address: new RecordParty.PostalAddressInput(100023336956, "12 Analytical Row", "Marylebone", null, "London", "NW1 6XE"));

        var partyId = (await RecordAsync(request)).ShouldBeOfType<Outcome<long>.Done>().Value;
        var party = (await GetAsync(partyId)).ShouldNotBeNull();

        party.Council.ShouldBe(Council);
        party.PartyId.ShouldBe(partyId);
        party.Kind.ShouldBe(PartyKind.Person);
        party.DateOfBirth.ShouldBe(new LocalDate(1985, 12, 10));
        party.DeceasedOn.ShouldBeNull();
        party.Version.ShouldBe(1);
        party.Names.ShouldBe([new PartyName(1, "Mrs", "Ada Mary", "Lovelace", null, new LocalDate(2025, 5, 1), "First recorded",
            Instant.FromUtc(2025, 5, 12, 10, 15, 30), "test-officer")]);
        party.DisplayName.ShouldBe("Mrs Ada Mary Lovelace");
        party.Contacts.ShouldBe([new ContactDetail(1, "email", "ada@example.org", IsPreferred: true),
            new ContactDetail(2, "mobile", "07700 900123", IsPreferred: false)]);
        party.Addresses.ShouldBe([new PostalAddress(1, 100023336956, "12 Analytical Row", "Marylebone", null, "London", "NW1 6XE",
            ValidFrom: new LocalDate(2025, 5, 1), ValidTo: null)]);
    }

    [Fact]
    public async Task An_organisation_reads_back_by_its_organisation_name()
    {
        var request = new RecordParty.Request(Council, PartyKind.Organisation, NameParts.Organisation("Acme Widgets Ltd"),
            DateOfBirth: null, KnownFrom: new LocalDate(2025, 4, 1), Contacts: [], Address: null);

        var partyId = (await RecordAsync(request)).ShouldBeOfType<Outcome<long>.Done>().Value;
        var party = (await GetAsync(partyId)).ShouldNotBeNull();

        party.Kind.ShouldBe(PartyKind.Organisation);
        party.DisplayName.ShouldBe("Acme Widgets Ltd");
        party.DateOfBirth.ShouldBeNull();
        party.Contacts.ShouldBeEmpty();
        party.Addresses.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_organisation_without_an_organisation_name_is_refused_and_nothing_is_written(string? name)
    {
        var request = new RecordParty.Request(Council, PartyKind.Organisation, new NameParts(null, "Ada", "Lovelace", name),
            DateOfBirth: null, KnownFrom: new LocalDate(2025, 4, 1), Contacts: [("email", "acme@example.org")], Address: null);

        var outcome = await RecordAsync(request);

        outcome.ShouldBeOfType<Outcome<long>.Invalid>().Field.ShouldBe("organisationName");
        await ShouldHaveWrittenNothingAsync();
    }

    [Fact]
    public async Task A_person_without_a_surname_is_refused_and_nothing_is_written()
    {
        var outcome = await RecordAsync(Person("Ada", " "));

        outcome.ShouldBeOfType<Outcome<long>.Invalid>().Field.ShouldBe("surname");
        await ShouldHaveWrittenNothingAsync();
    }

    [Fact]
    public async Task A_person_without_forenames_is_refused_and_nothing_is_written()
    {
        var outcome = await RecordAsync(Person("", "Lovelace"));

        var invalid = outcome.ShouldBeOfType<Outcome<long>.Invalid>();
        invalid.Field.ShouldBe("forenames");
        invalid.Message.ShouldBe("Enter the person's first name");
        await ShouldHaveWrittenNothingAsync();
    }

    [Fact]
    public async Task Each_party_gets_its_own_id()
    {
        var first = await RecordPersonAsync("Ada", "Lovelace");
        var second = await RecordPersonAsync("Charles", "Babbage");

        second.ShouldNotBe(first);
        (await GetAsync(first)).ShouldNotBeNull().DisplayName.ShouldBe("Ada Lovelace");
        (await GetAsync(second)).ShouldNotBeNull().DisplayName.ShouldBe("Charles Babbage");
    }

    [Fact]
    public async Task A_party_of_another_council_is_not_found_by_id()
    {
        // Every key leads with the council: an id from one council means nothing in another.
        await Councils.SeedOtherAsync(Db, Now);
        var partyId = await RecordPersonAsync("Ada", "Lovelace", Councils.Other);

        (await GetAsync(partyId)).ShouldBeNull();
        (await GetAsync(partyId, Councils.Other)).ShouldNotBeNull();
    }

    private async Task ShouldHaveWrittenNothingAsync()
    {
        (await CountAsync("party")).ShouldBe(0);
        (await CountAsync("party_name")).ShouldBe(0);
        (await CountAsync("party_contact")).ShouldBe(0);
        (await CountAsync("id_block")).ShouldBe(0);
    }
}
