namespace Reeve.Kernel.Tests;

public class MoneyTests
{
    [Fact]
    public void Adding_and_subtracting_work_in_whole_pence()
    {
        (Money.FromPence(1050) + Money.FromPence(250)).ShouldBe(Money.FromPence(1300));
        (Money.FromPence(1050) - Money.FromPence(2000)).ShouldBe(Money.FromPence(-950));
        (-Money.FromPence(5)).ShouldBe(Money.FromPence(-5));
    }

    [Fact]
    public void Pounds_are_a_hundred_pence()
    {
        Money.FromPounds(12).ShouldBe(Money.FromPence(1200));
        Money.FromPounds(-3).ShouldBe(Money.FromPence(-300));
    }

    [Fact]
    public void Arithmetic_that_would_overflow_throws_rather_than_wraps()
    {
        // An amount that wrapped round would silently turn a debt into a credit.
        Should.Throw<OverflowException>(() => Money.FromPence(long.MaxValue) + Money.FromPence(1));
        Should.Throw<OverflowException>(() => Money.FromPence(long.MinValue) - Money.FromPence(1));
        Should.Throw<OverflowException>(() => Money.FromPounds(long.MaxValue / 10));
    }

    [Fact]
    public void Times_multiplies_exactly_and_throws_rather_than_wraps()
    {
        Money.FromPence(1_234).Times(3).ShouldBe(Money.FromPence(3_702));
        Money.FromPence(-5).Times(0).ShouldBe(Money.Zero);
        Money.FromPence(-5).Times(4).ShouldBe(Money.FromPence(-20));
        Should.Throw<OverflowException>(() => Money.FromPence(long.MaxValue / 2).Times(3));
    }

    [Fact]
    public void Money_has_no_multiplication_or_division_operator_so_every_rate_goes_through_a_named_rounding()
    {
        typeof(Money).GetMethods().Select(m => m.Name).ShouldNotContain("op_Multiply");
        typeof(Money).GetMethods().Select(m => m.Name).ShouldNotContain("op_Division");
        typeof(Money).GetInterfaces().ShouldContain(typeof(IComparable<Money>));
    }

    [Fact]
    public void Sum_adds_every_amount_and_is_zero_for_none()
    {
        Money.Sum([]).ShouldBe(Money.Zero);
        Money.Sum([Money.FromPence(199), Money.FromPence(1), Money.FromPence(-50)]).ShouldBe(Money.FromPence(150));
    }

    [Fact]
    public void Amounts_compare_by_their_pence()
    {
        var less = Money.FromPence(-100);
        var more = Money.FromPence(99);

        (less < more).ShouldBeTrue();
        (more > less).ShouldBeTrue();
        (less <= Money.FromPence(-100)).ShouldBeTrue();
        (more >= Money.FromPence(99)).ShouldBeTrue();
        Money.Min(less, more).ShouldBe(less);
        Money.Max(less, more).ShouldBe(more);
        less.CompareTo(more).ShouldBeLessThan(0);
        less.Abs().ShouldBe(Money.FromPence(100));
    }

    [Fact]
    public void Sign_properties_say_whether_an_amount_is_a_debt_a_credit_or_nothing()
    {
        Money.FromPence(1).IsPositive.ShouldBeTrue();
        Money.FromPence(-1).IsNegative.ShouldBeTrue();
        Money.Zero.IsZero.ShouldBeTrue();
        Money.Zero.IsPositive.ShouldBeFalse();
        Money.Zero.IsNegative.ShouldBeFalse();
    }

    [Theory]
    [InlineData(123450L, "1234.50")]
    [InlineData(-123450L, "-1234.50")]
    [InlineData(5L, "0.05")]
    [InlineData(-5L, "-0.05")]
    [InlineData(0L, "0.00")]
    [InlineData(100000000L, "1000000.00")]
    public void Plain_text_has_two_decimals_and_no_separators(long pence, string expected)
    {
        Money.FromPence(pence).ToPlainString().ShouldBe(expected);
        Money.FromPence(pence).ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData(123450L, "£1,234.50")]
    [InlineData(-1200L, "-£12.00")]
    [InlineData(7L, "£0.07")]
    [InlineData(0L, "£0.00")]
    [InlineData(100000000L, "£1,000,000.00")]
    public void Display_text_has_a_pound_sign_thousands_separators_and_a_leading_minus_for_a_credit(long pence, string expected) =>
        Money.FromPence(pence).ToDisplayString().ShouldBe(expected);
}
