namespace Reeve.People.Tests;

public class NamePartsTests
{
    [Fact]
    public void A_persons_display_name_leaves_out_missing_parts()
    {
        NameParts.Person(null, "Ada", "Lovelace").DisplayName.ShouldBe("Ada Lovelace");
        NameParts.Person("Dr", "Ada", "Lovelace").DisplayName.ShouldBe("Dr Ada Lovelace");
    }

    [Fact]
    public void A_persons_search_key_holds_both_orders_in_lower_case()
    {
        // Officers type "surname forename" as often as "forename surname"; either must find the person.
        NameParts.Person("Mrs", "Ada", "Lovelace").SearchKey.ShouldBe("ada lovelace | lovelace ada");
    }

    [Fact]
    public void A_person_needs_a_surname_before_forenames_are_checked()
    {
        NameParts.Person(null, "", "").Problem(PartyKind.Person).ShouldStartWith("surname:");
        NameParts.Person(null, "", "Lovelace").Problem(PartyKind.Person).ShouldStartWith("forenames:");
        NameParts.Person(null, "Ada", "Lovelace").Problem(PartyKind.Person).ShouldBeNull();
    }

    [Fact]
    public void An_organisation_needs_only_its_name()
    {
        NameParts.Organisation("Acme Widgets Ltd").Problem(PartyKind.Organisation).ShouldBeNull();
        NameParts.Person(null, "Ada", "Lovelace").Problem(PartyKind.Organisation).ShouldStartWith("organisationName:");
    }
}
