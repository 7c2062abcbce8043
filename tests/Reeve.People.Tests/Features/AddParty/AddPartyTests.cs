using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class AddPartyOnSqlite() : AddPartyTests(new SqliteEngine());

public sealed class AddPartyOnPostgres() : AddPartyTests(new PostgresEngine());

public abstract class AddPartyTests(IDatabaseEngine engine) : PeopleTest(engine)
{
    private static readonly LocalDate Today = new(2026, 12, 7);

    private static RecordParty.Request NewPerson(string forenames, string surname, LocalDate? born = null, string postcode = "LS1 4AP", string line1 = "1 Park Row") =>
        Person(forenames, surname) with
        {
            DateOfBirth = born,
            Address = new RecordParty.PostalAddressInput(null, line1, null, null, "Leeds", postcode),
            Contacts = [("email", "someone@example.com")],
        };

    private Task<AddParty.Result> AddAsync(RecordParty.Request party, bool noneOfThese = false) =>
        InTransactionAsync((c, tx) => AddParty.HandleAsync(c, tx, new AddParty.Request(party, noneOfThese), Today, "test-officer", Now));

    [Fact]
    public async Task A_new_person_like_no_one_on_file_is_saved_at_once_with_their_address_and_contact()
    {
        var added = (await AddAsync(NewPerson("Ada", "Lovelace", new LocalDate(1985, 12, 10), "ls1 4ap"))).ShouldBeOfType<AddParty.Result.Added>();

        var party = (await GetAsync(added.PartyId)).ShouldNotBeNull();
        party.DisplayName.ShouldBe("Ada Lovelace");
        party.DateOfBirth.ShouldBe(new LocalDate(1985, 12, 10));
        party.Addresses.ShouldHaveSingleItem().Postcode.ShouldBe("LS1 4AP");
        party.Contacts.ShouldHaveSingleItem().Value.ShouldBe("someone@example.com");
    }

    [Fact]
    public async Task Someone_with_the_same_name_on_file_is_shown_and_nothing_is_saved_until_the_officer_says_they_differ()
    {
        // The likely-duplicate check comes before saving, not after: a second record for one person splits their debts.
        var existing = (await AddAsync(NewPerson("Jane", "Smith", new LocalDate(1970, 1, 1)))).ShouldBeOfType<AddParty.Result.Added>().PartyId;
        var before = await CountAsync("party");

        var asked = (await AddAsync(NewPerson("Jane", "Smith", null, "M1 1AE", "9 Oxford Road"))).ShouldBeOfType<AddParty.Result.PossibleDuplicates>();
        (await CountAsync("party")).ShouldBe(before);
        var match = asked.Matches.ShouldHaveSingleItem();
        match.PartyId.ShouldBe(existing);
        match.Reasons.ShouldContain("same surname");
        match.Reasons.ShouldContain("same first name");
        match.Address.ShouldBe("1 Park Row, Leeds, LS1 4AP");

        (await AddAsync(NewPerson("Jane", "Smith", null, "M1 1AE", "9 Oxford Road"), noneOfThese: true)).ShouldBeOfType<AddParty.Result.Added>();
        (await CountAsync("party")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_different_date_of_birth_counts_against_a_match_so_a_namesake_is_not_shown()
    {
        await AddAsync(NewPerson("John", "Brown", new LocalDate(1950, 3, 3), "M1 1AE"));

        (await AddAsync(NewPerson("John", "Brown", new LocalDate(1999, 9, 9), "LS2 7EW"))).ShouldBeOfType<AddParty.Result.Added>();
    }

    [Fact]
    public async Task An_organisation_with_the_same_name_is_shown_before_another_is_saved()
    {
        var acme = (await AddAsync(new RecordParty.Request(Council, PartyKind.Organisation, NameParts.Organisation("Acme Widgets Ltd"), null, new LocalDate(2025, 4, 1), [], null)))
            .ShouldBeOfType<AddParty.Result.Added>().PartyId;

        var again = await AddAsync(new RecordParty.Request(Council, PartyKind.Organisation, NameParts.Organisation("ACME WIDGETS LTD"), null, new LocalDate(2025, 4, 1), [], null));

        again.ShouldBeOfType<AddParty.Result.PossibleDuplicates>().Matches.ShouldHaveSingleItem().PartyId.ShouldBe(acme);
    }

    public static TheoryData<string, string> BadInput => new()
    {
        { "dateOfBirth", "born tomorrow" },
        { "postcode", "not a postcode" },
        { "surname", "a 101-character surname" },
        { "email", "an email with no domain" },
        { "phone", "a phone number of letters" },
        { "line1", "an address with no first line" },
        { "forenames", "no first name" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_naming_the_field_and_saves_nothing(string field, string what)
    {
        var good = NewPerson("Ada", "Lovelace", new LocalDate(1985, 12, 10));
        var bad = what switch
        {
            "born tomorrow" => good with { DateOfBirth = Today.PlusDays(1) },
            "not a postcode" => good with { Address = good.Address! with { Postcode = "' OR 1=1 --" } },
            "a 101-character surname" => good with { Name = NameParts.Person(null, "Ada", new string('x', 101)) },
            "an email with no domain" => good with { Contacts = [("email", "ada@")] },
            "a phone number of letters" => good with { Contacts = [("phone", "call me maybe")] },
            "an address with no first line" => good with { Address = good.Address! with { Line1 = " " } },
            _ => good with { Name = NameParts.Person(null, "", "Lovelace") },
        };

        (await AddAsync(bad)).ShouldBeOfType<AddParty.Result.Invalid>().Field.ShouldBe(field);
        (await CountAsync("party")).ShouldBe(0);
    }
}
