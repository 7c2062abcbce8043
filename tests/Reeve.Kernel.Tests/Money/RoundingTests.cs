using FsCheck;
using FsCheck.Fluent;
using Reeve.TestKit;

namespace Reeve.Kernel.Tests;

public class RoundingTests
{
    [Theory]
    [InlineData(1L, 1L, 2L, 1L)]
    [InlineData(-1L, 1L, 2L, -1L)]
    [InlineData(1L, -1L, 2L, -1L)]
    [InlineData(3L, 1L, 2L, 2L)]
    [InlineData(-3L, 1L, 2L, -2L)]
    [InlineData(1L, 1L, 3L, 0L)]
    [InlineData(2L, 1L, 3L, 1L)]
    [InlineData(-2L, 1L, 3L, -1L)]
    public void Rounds_to_the_nearest_penny_with_halves_away_from_zero(long pence, long numerator, long denominator, long expected) =>
        // Half a penny goes up for a debt and down for a credit, so a credit is the mirror of the same debt.
        Rounding.RoundHalfUpToPence(Money.FromPence(pence), numerator, denominator).ShouldBe(Money.FromPence(expected));

    [Fact]
    public void Band_ratio_of_band_D_rounds_to_the_penny()
    {
        // LGFA 1992 s5(1): band B is 7/9 of band D. £1,234.57 × 7/9 = £960.2211… which is £960.22.
        Rounding.RoundHalfUpToPence(Money.FromPence(123457), 7, 9).ShouldBe(Money.FromPence(96022));
    }

    [Fact]
    public void A_quarter_discount_on_an_odd_amount_rounds_the_half_penny_up()
    {
        // LGFA 1992 s11: 25% of £1,999.99 is £499.9975, which is £500.00 to the penny.
        Rounding.RoundHalfUpToPence(Money.FromPence(199999), 25, 100).ShouldBe(Money.FromPence(50000));
    }

    [Fact]
    public void A_denominator_of_zero_or_less_is_a_bug()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Rounding.RoundHalfUpToPence(Money.FromPence(100), 1, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => Rounding.RoundHalfUpToPence(Money.FromPence(100), 1, -2));
    }

    [Fact]
    public void A_rounded_result_is_never_more_than_half_a_penny_from_the_exact_one()
    {
        var cases = Gen.Zip(Gen.Zip(Pence(), Gen.Choose(-1000, 1000)), Gen.Choose(1, 1000)).ToArbitrary();
        PropertyCheck.Holds(Prop.ForAll(cases, c =>
        {
            var ((pence, numerator), denominator) = c;
            var rounded = Rounding.RoundHalfUpToPence(Money.FromPence(pence), numerator, denominator);
            var exactTimesDenominator = (Int128)pence * numerator;
            var error = Int128.Abs((rounded.Pence * (Int128)denominator) - exactTimesDenominator) * 2;
            return error <= denominator;
        }));
    }

    [Fact]
    public void Equal_split_gives_the_odd_penny_to_the_earliest_part()
    {
        // Largest remainder: £1.00 in three is 34p, 33p, 33p, with the tie going to the first part.
        Rounding.SplitProportionally(Money.FromPence(100), [1, 1, 1])
            .ShouldBe([Money.FromPence(34), Money.FromPence(33), Money.FromPence(33)]);
    }

    [Fact]
    public void A_credit_splits_as_the_mirror_of_the_same_debt()
    {
        Rounding.SplitProportionally(Money.FromPence(-100), [1, 1, 1])
            .ShouldBe([Money.FromPence(-34), Money.FromPence(-33), Money.FromPence(-33)]);
    }

    [Fact]
    public void A_part_with_no_weight_gets_nothing()
    {
        Rounding.SplitProportionally(Money.FromPence(1001), [0, 3, 0, 1])
            .ShouldBe([Money.Zero, Money.FromPence(751), Money.Zero, Money.FromPence(250)]);
    }

    [Fact]
    public void Split_parts_always_add_up_to_the_whole()
    {
        // Instalments, apportionment and allocation must never lose or invent a penny.
        var cases = Gen.Zip(Pence(), Weights()).ToArbitrary();
        PropertyCheck.Holds(Prop.ForAll(cases, c =>
            Money.Sum(Rounding.SplitProportionally(Money.FromPence(c.Item1), c.Item2)) == Money.FromPence(c.Item1)));
    }

    [Fact]
    public void Splitting_a_debt_never_gives_a_part_that_is_a_credit()
    {
        var cases = Gen.Zip(Pence().Select(Math.Abs), Weights()).ToArbitrary();
        PropertyCheck.Holds(Prop.ForAll(cases, c =>
            Rounding.SplitProportionally(Money.FromPence(c.Item1), c.Item2).All(part => !part.IsNegative)));
    }

    [Fact]
    public void Each_split_part_is_within_a_penny_of_its_exact_share()
    {
        var cases = Gen.Zip(Pence(), Weights()).ToArbitrary();
        PropertyCheck.Holds(Prop.ForAll(cases, c =>
        {
            var (pence, weights) = c;
            var total = weights.Sum();
            var parts = Rounding.SplitProportionally(Money.FromPence(pence), weights);
            return parts.Select((part, i) => Int128.Abs((part.Pence * (Int128)total) - ((Int128)pence * weights[i])) < total).All(ok => ok);
        }));
    }

    [Fact]
    public void Weights_that_cannot_split_anything_are_a_bug()
    {
        Should.Throw<ArgumentException>(() => Rounding.SplitProportionally(Money.FromPence(100), []));
        Should.Throw<ArgumentException>(() => Rounding.SplitProportionally(Money.FromPence(100), [0, 0]));
        Should.Throw<ArgumentException>(() => Rounding.SplitProportionally(Money.FromPence(100), [2, -1]));
    }

    [Theory]
    [InlineData(152_009L, 10, 15_209L, 15_200L)]
    [InlineData(100_000L, 10, 10_000L, 10_000L)]
    [InlineData(100_500L, 10, 9_600L, 10_100L)]
    [InlineData(123_456L, 10, 12_756L, 12_300L)]
    [InlineData(60_001L, 6, 10_001L, 10_000L)]
    public void Instalments_are_whole_pounds_with_the_difference_on_the_first(long total, int count, long first, long rest)
    {
        // CTAE Regs 1992 Sch 1 para 2(5)-(6) (and SI 1989/1058 Sch 1 para 1(4)-(5) for business rates): total ÷ n rounded
        // to the nearest pound for instalments 2..n, the first takes the difference. £1,005.00 ÷ 10 = £100.50, which
        // rounds up to £101, so the first is £96.
        var amounts = Rounding.WholePoundsWithBalancingFirstInstalment(Money.FromPence(total), count);

        amounts.Count.ShouldBe(count);
        amounts[0].ShouldBe(Money.FromPence(first));
        amounts.Skip(1).ShouldAllBe(a => a == Money.FromPence(rest));
    }

    [Fact]
    public void Statutory_instalments_always_add_up_to_the_total()
    {
        var cases = Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, 12)).ToArbitrary();
        PropertyCheck.Holds(Prop.ForAll(cases, c =>
            Money.Sum(Rounding.WholePoundsWithBalancingFirstInstalment(Money.FromPence(c.Item1), c.Item2)) == Money.FromPence(c.Item1)));
    }

    [Fact]
    public void A_schedule_of_no_instalments_is_a_bug() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Rounding.WholePoundsWithBalancingFirstInstalment(Money.FromPence(100), 0));

    [Theory]
    [InlineData(10_000L, 12L, 52L, 2_307L)]
    [InlineData(10_000L, 12L, 26L, 4_615L)]
    [InlineData(-10_000L, 12L, 52L, -2_307L)]
    public void Rounding_towards_zero_drops_the_fraction_of_a_penny(long pence, long numerator, long denominator, long expected) =>
        // £100.00 a month is £23.0769… a week: £23.07, never the £23.08 that would ask for more than was offered.
        Rounding.RoundTowardZeroToPence(Money.FromPence(pence), numerator, denominator).ShouldBe(Money.FromPence(expected));

    [Fact]
    public void Whole_parts_count_how_many_fit_and_a_part_of_nothing_is_a_bug()
    {
        // CTAE Regs 1992 Sch 1 para 3: as many instalments of at least £5 as whole £5s in the total.
        Rounding.WholePartsIn(Money.FromPence(2_499), Money.FromPounds(5)).ShouldBe(4);
        Rounding.WholePartsIn(Money.FromPence(2_500), Money.FromPounds(5)).ShouldBe(5);
        Should.Throw<ArgumentOutOfRangeException>(() => Rounding.WholePartsIn(Money.FromPounds(5), Money.Zero));
    }

    // Up to ±£10 billion, built from two ints because Gen.Choose works in int.
    private static Gen<long> Pence() =>
        Gen.Zip(Gen.Choose(-1_000_000, 1_000_000), Gen.Choose(0, 999_999)).Select(p => (p.Item1 * 1_000_000L) + (p.Item1 < 0 ? -p.Item2 : p.Item2));

    private static Gen<long[]> Weights() =>
        Gen.NonEmptyListOf(Gen.OneOf(Gen.Choose(0, 10), Gen.Choose(0, int.MaxValue)).Select(w => (long)w))
            .Select(w => w.ToArray())
            .Where(w => w.Sum() > 0);
}
