using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class ChangePartyDetailsOnSqlite() : ChangePartyDetailsTests(new SqliteEngine());

public sealed class ChangePartyDetailsOnPostgres() : ChangePartyDetailsTests(new PostgresEngine());

public abstract class ChangePartyDetailsTests(IDatabaseEngine engine) : PeopleTest(engine)
{
    private static readonly LocalDate Today = new(2026, 12, 7);

    private async Task<long> AddJaneAsync() =>
        (await InTransactionAsync((c, tx) => AddParty.HandleAsync(c, tx, new AddParty.Request(Person("Jane", "Smith") with
        {
            DateOfBirth = new LocalDate(1970, 1, 1),
            Address = new RecordParty.PostalAddressInput(null, "1 Park Row", null, null, "Leeds", "LS1 4AP"),
            Contacts = [("email", "jane@example.com")],
        }, true), Today, "officer", Now))).ShouldBeOfType<AddParty.Result.Added>().PartyId;

    private Task<Outcome<ChangePartyDetails.Changed>> ChangeAsync(ChangePartyDetails.Request request) =>
        InTransactionAsync((c, tx) => ChangePartyDetails.HandleAsync(c, tx, request, Today, "officer", Now));

    private static ChangePartyDetails.Request Nothing(long id, int version = 1) => new(Council, id, version, null, null, false, null, null);

    [Fact]
    public async Task A_change_of_name_keeps_the_old_name_as_history_and_a_new_address_ends_the_old_one_the_day_before()
    {
        var id = await AddJaneAsync();

        var changed = (await ChangeAsync(Nothing(id) with
        {
            Name = new(NameParts.Person("Mrs", "Jane", "Brown"), new LocalDate(2026, 6, 14), "Marriage"),
            Address = new(new RecordParty.PostalAddressInput(null, "9 Oxford Road", null, null, "Manchester", "m1 1ae"), new LocalDate(2026, 12, 1)),
        })).ShouldBeOfType<Outcome<ChangePartyDetails.Changed>.Done>().Value;

        changed.Version.ShouldBe(2);
        changed.What.Count.ShouldBe(2);
        var party = (await GetAsync(id)).ShouldNotBeNull();
        party.DisplayName.ShouldBe("Mrs Jane Brown");
        party.Names.Select(n => n.DisplayName).ShouldBe(["Jane Smith", "Mrs Jane Brown"]);
        party.CurrentName.Reason.ShouldBe("Marriage");
        var addresses = party.Addresses.OrderBy(a => a.Sequence).ToList();
        addresses[0].ValidTo.ShouldBe(new LocalDate(2026, 11, 30));
        addresses[1].Postcode.ShouldBe("M1 1AE");
        addresses[1].ValidTo.ShouldBeNull();
    }

    [Fact]
    public async Task Contacts_sent_replace_the_current_ones_and_a_date_of_birth_is_corrected()
    {
        var id = await AddJaneAsync();

        var changed = (await ChangeAsync(Nothing(id) with { DateOfBirth = new LocalDate(1971, 1, 1), Contacts = [("phone", "0113 496 0000")] }))
            .ShouldBeOfType<Outcome<ChangePartyDetails.Changed>.Done>().Value;

        var party = (await GetAsync(id)).ShouldNotBeNull();
        party.DateOfBirth.ShouldBe(new LocalDate(1971, 1, 1));
        party.Contacts.ShouldHaveSingleItem().Kind.ShouldBe("phone");
        changed.What.ShouldContain("date of birth from 1 January 1970 to 1 January 1971");
    }

    [Fact]
    public async Task A_stale_version_bad_input_or_a_name_change_without_a_reason_changes_nothing()
    {
        var id = await AddJaneAsync();
        var before = await GetAsync(id);

        (await ChangeAsync(Nothing(id, version: 7) with { DateOfBirth = new LocalDate(1971, 1, 1) })).ShouldBeOfType<Outcome<ChangePartyDetails.Changed>.Conflict>();
        (await ChangeAsync(Nothing(id) with { Contacts = [("email", "not an email")] })).ShouldBeOfType<Outcome<ChangePartyDetails.Changed>.Invalid>().Field.ShouldBe("email");
        (await ChangeAsync(Nothing(id) with { DateOfBirth = Today.PlusDays(1) })).ShouldBeOfType<Outcome<ChangePartyDetails.Changed>.Invalid>().Field.ShouldBe("dateOfBirth");
        (await ChangeAsync(Nothing(id) with { Name = new(NameParts.Person(null, "Jane", "Brown"), Today, " ") }))
            .ShouldBeOfType<Outcome<ChangePartyDetails.Changed>.Invalid>().Field.ShouldBe("reason");
        (await ChangeAsync(Nothing(id) with { Address = new(new RecordParty.PostalAddressInput(null, "1 Road", null, null, "Leeds", "NOT A CODE"), Today) }))
            .ShouldBeOfType<Outcome<ChangePartyDetails.Changed>.Invalid>().Field.ShouldBe("postcode");

        (await GetAsync(id)).ShouldBeEquivalentTo(before);
    }
}
