namespace Reeve.Kernel.Tests;

public class MoneyTextTests
{
    [Theory]
    [InlineData("1234.50", 123450L)]
    [InlineData("£1,234.50", 123450L)]
    [InlineData("1,000,000", 100000000L)]
    [InlineData("1234", 123400L)]
    [InlineData("1234.5", 123450L)]
    [InlineData("0.07", 7L)]
    [InlineData("-12.00", -1200L)]
    [InlineData("-£12.00", -1200L)]
    [InlineData("  125.50  ", 12550L)]
    [InlineData("9999999999999.99", 999999999999999L)]
    public void Reads_pounds_and_pence_as_people_write_them(string text, long pence)
    {
        MoneyText.TryParse(text, out var money, out var error).ShouldBeTrue(error);
        money.ShouldBe(Money.FromPence(pence));
        MoneyText.Parse(text).ShouldBe(Money.FromPence(pence));
    }

    [Theory]
    [InlineData("1.234")]
    [InlineData("0.001")]
    [InlineData("£1,234.505")]
    public void Refuses_more_than_two_decimal_places_rather_than_rounding(string text)
    {
        // A third decimal is a mistake somewhere upstream; rounding it away would hide the mistake.
        MoneyText.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe("Amount must have no more than two decimal places");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Refuses_blank_text(string? text)
    {
        MoneyText.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe("Enter an amount of money");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12a")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData("12.")]
    [InlineData("£")]
    [InlineData("-")]
    [InlineData("--5")]
    [InlineData("+5")]
    [InlineData("1 000")]
    [InlineData("12.-5")]
    [InlineData("$12.00")]
    public void Refuses_text_that_is_not_an_amount(string text)
    {
        MoneyText.TryParse(text, out var money, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrEmpty();
        money.ShouldBe(Money.Zero);
    }

    [Theory]
    [InlineData("1,23.45")]
    [InlineData("12,34")]
    [InlineData("1,2345")]
    [InlineData(",123")]
    [InlineData("1,234,56")]
    [InlineData("1.2,3")]
    [InlineData("1,234.5,0")]
    public void Refuses_commas_that_do_not_separate_thousands(string text)
    {
        // "12,34" could be twelve pounds thirty-four written the continental way: refuse rather than guess 1234.
        MoneyText.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Refuses_amounts_too_large_to_be_real()
    {
        MoneyText.TryParse("12345678901234", out _, out var error).ShouldBeFalse();
        error.ShouldBe("Amount is too large");
    }

    [Fact]
    public void Parse_throws_a_format_exception_that_carries_the_reason()
    {
        var thrown = Should.Throw<FormatException>(() => MoneyText.Parse("1.234"));
        thrown.Message.ShouldBe("Amount must have no more than two decimal places");
    }
}
