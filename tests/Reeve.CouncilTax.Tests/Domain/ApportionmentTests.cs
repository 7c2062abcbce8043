using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Tests.Domain;

public class ApportionmentTests
{
    [Fact]
    public void Leap_year_2027_28_has_366_days()
    {
        // LGFA 1992 s2: apportion by days in the financial year; 2027/28 holds 29 February 2028.
        new FinancialYear(2027).DaysInYear.ShouldBe(366);
        new FinancialYear(2025).DaysInYear.ShouldBe(365);
    }

    [Fact]
    public void Part_year_charge_is_annual_times_days_over_days_in_year()
    {
        // LGFA 1992 s2: £1,830.00 × 183 ÷ 366 for 1 October 2027 to 31 March 2028.
        var days = Apportionment.DaysInclusive(new LocalDate(2027, 10, 1), new LocalDate(2028, 3, 31));
        days.ShouldBe(183);
        Apportionment.ForDays(MoneyText.Parse("1830.00"), days, 366).ShouldBe(MoneyText.Parse("915.00"));
    }

    [Fact]
    public void Apportionment_over_any_partition_of_the_year_sums_to_the_annual_amount_within_a_penny_per_segment()
    {
        // LGFA 1992 s2: each part is rounded to the penny, so the parts differ from the whole by at most that.
        var cases = Gen.Zip(
            Gen.Zip(Gen.Choose(2024, 2028), Gen.Choose(0, 1_000_000)),
            Gen.Choose(0, 364).ListOf()).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(cases, c =>
        {
            var ((startYear, pence), cuts) = c;
            var year = new FinancialYear(startYear);
            var annual = Money.FromPence(pence);
            var starts = cuts.Where(d => d < year.DaysInYear).Append(0).Distinct().Order().ToList();
            var segments = starts.Select((s, i) => (i + 1 < starts.Count ? starts[i + 1] : year.DaysInYear) - s).ToList();
            var sum = Money.Sum(segments.Select(days => Apportionment.ForDays(annual, days, year.DaysInYear)));
            return segments.Sum() == year.DaysInYear && (sum - annual).Abs().Pence <= segments.Count;
        }));
    }
}
