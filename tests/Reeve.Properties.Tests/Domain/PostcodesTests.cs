namespace Reeve.Properties.Tests;

public class PostcodesTests
{
    [Theory]
    [InlineData("SW1A 1AA")]
    [InlineData("M1 1AE")]
    [InlineData("B33 8TH")]
    [InlineData("CR2 6XH")]
    [InlineData("DN55 1PT")]
    [InlineData("EC1A 1BB")]
    [InlineData("W1A 0AX")]
    [InlineData("GIR 0AA")]
    public void A_postcode_in_a_published_shape_is_valid(string postcode)
    {
        // Outward code (area, district, optional sub-district), then inward code (sector digit, unit letters).
        Postcodes.IsValid(postcode).ShouldBeTrue();
    }

    [Theory]
    [InlineData("sw1a 1aa")]
    [InlineData("SW1A1AA")]
    [InlineData(" M1 1AE ")]
    [InlineData("dn551pt")]
    public void A_postcode_typed_in_lower_case_or_without_its_space_is_valid(string postcode)
    {
        Postcodes.IsValid(postcode).ShouldBeTrue();
    }

    [Theory]
    [InlineData("QQ1 1AA")]
    [InlineData("12345")]
    [InlineData("SW1A1A")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("SW1A 1AAA")]
    [InlineData("SW1A  1AA")]
    [InlineData("M1 1CE")]
    [InlineData("V1 1AA")]
    [InlineData("not a postcode")]
    public void Junk_is_not_a_postcode(string? postcode)
    {
        Postcodes.IsValid(postcode).ShouldBeFalse();
    }

    [Theory]
    [InlineData("SW1A1AA", "SW1A 1AA")]
    [InlineData("sw1a1aa", "SW1A 1AA")]
    [InlineData("m11ae", "M1 1AE")]
    [InlineData("B33 8TH", "B33 8TH")]
    [InlineData(" DN55 1PT ", "DN55 1PT")]
    [InlineData("w1a0ax", "W1A 0AX")]
    public void Normalising_puts_the_space_before_the_inward_code_in_capitals(string typed, string normalised)
    {
        Postcodes.Normalise(typed).ShouldBe(normalised);
    }
}
