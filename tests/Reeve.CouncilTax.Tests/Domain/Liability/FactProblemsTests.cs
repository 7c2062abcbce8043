using Reeve.CouncilTax.Domain;
using static Reeve.CouncilTax.Tests.Domain.DwellingBuilder;

namespace Reeve.CouncilTax.Tests.Domain;

public class FactProblemsTests
{
    [Fact]
    public void A_move_out_before_the_move_in_is_refused_naming_the_field()
    {
        var facts = new DwellingBuilder().Resident(1, D(2025, 6, 1), D(2025, 5, 1)).Build();

        FactProblems.Find(facts).ShouldHaveSingleItem().Field.ShouldBe("residents[0].to");
    }

    [Fact]
    public void Overlapping_occupations_by_the_same_person_are_refused()
    {
        var facts = new DwellingBuilder().Resident(1, D(2025, 1, 1), D(2025, 8, 1)).Resident(1, D(2025, 7, 1)).Build();

        FactProblems.Find(facts).ShouldHaveSingleItem().Field.ShouldBe("residents[1].from");
    }

    [Fact]
    public void An_unoccupied_exemption_class_is_refused_while_someone_lives_there()
    {
        // SI 1992/558 art 3: Class F (left empty after a death) applies only to an unoccupied dwelling.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1), D(2025, 6, 30)).Exempt("F", D(2025, 6, 1)).Build();

        var problem = FactProblems.Find(facts).ShouldHaveSingleItem();
        problem.Field.ShouldBe("exemptions[0].class");
        problem.Message.ShouldContain("unoccupied");
    }

    [Fact]
    public void An_occupied_exemption_class_is_refused_when_nobody_lives_there()
    {
        // Class N (occupied only by students) needs residents.
        var facts = new DwellingBuilder().Exempt("N", D(2025, 6, 1)).Build();

        FactProblems.Find(facts).ShouldHaveSingleItem().Message.ShouldContain("occupied dwelling");
    }

    [Fact]
    public void A_class_abolished_in_England_is_refused()
    {
        // Class C was abolished in England from 1 April 2013.
        var facts = new DwellingBuilder().Exempt("C", D(2025, 6, 1)).Build();

        FactProblems.Find(facts).ShouldHaveSingleItem().Message.ShouldContain("not an England exemption class");
    }

    [Fact]
    public void A_local_discount_class_is_refused_while_someone_lives_there()
    {
        // s11A classes are for dwellings that are no one's sole or main residence.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).LocalDiscountClass("C", D(2025, 6, 1)).Build();

        FactProblems.Find(facts).ShouldHaveSingleItem().Field.ShouldBe("localDiscounts[0].class");
    }

    [Fact]
    public void Sound_facts_have_no_problems()
    {
        var facts = new DwellingBuilder().Owner(9, D(2010, 1, 1)).Resident(1, D(2020, 1, 1), D(2025, 5, 31)).Exempt("F", D(2025, 6, 1), D(2025, 11, 30)).Build();

        FactProblems.Find(facts).ShouldBeEmpty();
    }
}
