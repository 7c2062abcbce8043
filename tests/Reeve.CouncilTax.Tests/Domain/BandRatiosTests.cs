using Reeve.CouncilTax.Domain;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Tests.Domain;

public class BandRatiosTests
{
    [Theory]
    [InlineData(Band.A, "1200.00")]
    [InlineData(Band.B, "1400.00")]
    [InlineData(Band.C, "1600.00")]
    [InlineData(Band.D, "1800.00")]
    [InlineData(Band.E, "2200.00")]
    [InlineData(Band.F, "2600.00")]
    [InlineData(Band.G, "3000.00")]
    [InlineData(Band.H, "3600.00")]
    public void Each_band_pays_its_ninths_of_band_D(Band band, string expected) =>
        // LGFA 1992 s5(1): A 6/9, B 7/9, C 8/9, D 9/9, E 11/9, F 13/9, G 15/9, H 18/9.
        BandRatios.AnnualCharge(MoneyText.Parse("1800.00"), band, disabledBandReduction: false).Annual.ShouldBe(MoneyText.Parse(expected));

    [Fact]
    public void Band_charge_rounds_to_the_nearest_penny()
    {
        // LGFA 1992 s5(1): Band C of £2,280.14 is £2,026.7911…, which is £2,026.79.
        BandRatios.AnnualCharge(MoneyText.Parse("2280.14"), Band.C, false).Annual.ShouldBe(MoneyText.Parse("2026.79"));
    }

    [Fact]
    public void Disabled_band_reduction_charges_the_next_band_down()
    {
        // Council Tax (Reductions for Disabilities) Regulations 1992 reg 4: Band C is charged as Band B, 7/9.
        BandRatios.AnnualCharge(MoneyText.Parse("1800.00"), Band.C, disabledBandReduction: true).Annual.ShouldBe(MoneyText.Parse("1400.00"));
    }

    [Fact]
    public void Band_A_disabled_reduction_pays_five_ninths_of_band_D()
    {
        // Council Tax (Reductions for Disabilities) Regulations 1992 reg 4: Band A pays 5/9 of Band D.
        var charge = BandRatios.AnnualCharge(MoneyText.Parse("1800.00"), Band.A, disabledBandReduction: true);
        charge.Annual.ShouldBe(MoneyText.Parse("1000.00"));
        charge.Ninths.ShouldBe(5);
    }

    [Theory]
    [InlineData("A", true)]
    [InlineData("H", true)]
    [InlineData("I", false)]
    [InlineData("c", false)]
    [InlineData("", false)]
    [InlineData("AB", false)]
    public void Only_bands_A_to_H_exist(string text, bool valid) =>
        // LGFA 1992 s5(2): eight valuation bands in England.
        BandRatios.TryParse(text, out _).ShouldBe(valid);
}
