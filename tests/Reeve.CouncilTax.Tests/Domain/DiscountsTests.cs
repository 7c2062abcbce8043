using Reeve.CouncilTax.Domain;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Tests.Domain;

public class DiscountsTests
{
    [Theory]
    [InlineData(1, 0, 25)]
    [InlineData(2, 1, 25)]
    [InlineData(3, 2, 25)]
    [InlineData(2, 2, 50)]
    [InlineData(0, 0, 50)]
    [InlineData(2, 0, 0)]
    [InlineData(4, 1, 0)]
    public void Discount_follows_from_the_residents_counted(int adults, int disregarded, int percent) =>
        // LGFA 1992 s11(1): one counted resident 25%; s11(2): none counted, twice that.
        Discounts.ForResidents(adults, disregarded).Percent.ShouldBe(percent);

    [Fact]
    public void More_disregarded_than_adults_is_a_bug()
    {
        // LGFA 1992 Sch 1: a disregarded person is one of the residents.
        Should.Throw<ArgumentOutOfRangeException>(() => Discounts.ForResidents(1, 2));
    }

    [Theory]
    [InlineData(2025, "N", true)]
    [InlineData(2025, "F", true)]
    [InlineData(2025, "W", true)]
    [InlineData(2025, "A", false)]
    [InlineData(2025, "C", false)]
    [InlineData(2025, "X", false)]
    [InlineData(2025, "n", false)]
    [InlineData(2012, "A", true)]
    [InlineData(2012, "C", true)]
    public void Exemption_classes_are_those_in_force_in_England_for_the_year(int year, string letter, bool valid) =>
        // Council Tax (Exempt Dwellings) Order 1992 art 3; Classes A and C abolished in England from 1 April 2013; X is Wales only.
        ExemptionClasses.IsEnglandClass(letter, new FinancialYear(year)).ShouldBe(valid);
}
