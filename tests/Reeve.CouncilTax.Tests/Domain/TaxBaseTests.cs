using NodaTime;
using Reeve.CouncilTax.Domain;

namespace Reeve.CouncilTax.Tests.Domain;

public sealed class TaxBaseTests
{
    private static TaxBaseDwelling Dwelling(Band band, int discount = 0, int premium = 0, int reduction = 0, string? exempt = null, bool disabled = false) =>
        new(1, band, disabled, exempt, discount, premium, reduction, NoLiabilityRecorded: false);

    private static TaxBaseColumn Column(IReadOnlyList<TaxBaseColumn> columns, string label) => columns.Single(c => c.Label == label);

    [Fact]
    public void A_single_person_discount_makes_a_band_d_dwelling_three_quarters_of_a_band_d_equivalent()
    {
        var columns = TaxBase.Columns([Dwelling(Band.D, discount: 25), Dwelling(Band.D)]);

        var d = Column(columns, "D");
        d.Chargeable.ShouldBe(2);
        d.SinglePersonDiscounts.ShouldBe(1);
        d.EquivalentDwellings.ShouldBe(1.75m);
        d.BandDEquivalents.ShouldBe(1.75m);
    }

    [Fact]
    public void Exempt_dwellings_are_on_the_list_but_not_chargeable()
    {
        var columns = TaxBase.Columns([Dwelling(Band.B, exempt: "N"), Dwelling(Band.B)]);

        var b = Column(columns, "B");
        (b.OnList, b.Exempt, b.Chargeable).ShouldBe((2, 1, 1));
        b.BandDEquivalents.ShouldBe(0.78m); // 7/9 rounded to two places
    }

    [Fact]
    public void A_disabled_reduction_charges_a_dwelling_one_band_lower_and_band_a_at_five_ninths()
    {
        var columns = TaxBase.Columns([Dwelling(Band.A, disabled: true), Dwelling(Band.E, disabled: true), Dwelling(Band.H, disabled: true)]);

        Column(columns, "A entitled to disabled reduction").Chargeable.ShouldBe(1);
        Column(columns, "A entitled to disabled reduction").BandDEquivalents.ShouldBe(0.56m);
        Column(columns, "A").OnList.ShouldBe(1);
        Column(columns, "A").Chargeable.ShouldBe(0);
        Column(columns, "D").Chargeable.ShouldBe(1);
        Column(columns, "E").OnList.ShouldBe(1);
        Column(columns, "G").Chargeable.ShouldBe(1);
        Column(columns, "H").Chargeable.ShouldBe(0);
    }

    [Fact]
    public void A_premium_adds_to_the_count_and_a_reduction_is_taken_off_in_band_d_equivalents()
    {
        var columns = TaxBase.Columns([Dwelling(Band.H, premium: 100), Dwelling(Band.A, discount: 25, reduction: 100)]);

        Column(columns, "H").BandDEquivalents.ShouldBe(4m); // 2 x 18/9
        var a = Column(columns, "A");
        a.BandDEquivalents.ShouldBe(0.5m); // 0.75 x 6/9
        a.ReductionBandDEquivalents.ShouldBe(0.5m);
        a.TaxBase.ShouldBe(0m);
    }

    [Theory]
    [InlineData(2025, 9, 10, 10, 6)]
    [InlineData(2026, 9, 9, 10, 5)]
    public void The_default_dates_are_the_second_wednesday_of_september_and_the_first_monday_of_october(int year, int listMonth, int listDay, int awardsMonth, int awardsDay)
    {
        TaxBase.DefaultListDate(year).ShouldBe(new LocalDate(year, listMonth, listDay));
        TaxBase.DefaultAwardsDate(year).ShouldBe(new LocalDate(year, awardsMonth, awardsDay));
    }
}
