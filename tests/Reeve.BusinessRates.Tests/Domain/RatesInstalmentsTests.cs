using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Reeve.BusinessRates.Domain;
using Reeve.TestKit;

namespace Reeve.BusinessRates.Tests.Domain;

public class RatesInstalmentsTests
{
    private static IReadOnlyList<Instalment> Schedule(long pence, LocalDate issued, int year = 2025) =>
        RatesInstalments.Schedule(Money.FromPence(pence), issued, new FinancialYear(year), []);

    [Fact]
    public void A_notice_issued_before_the_year_gives_ten_monthly_instalments_from_April()
    {
        // SI 1989/1058 Sch 1 para 1(2): 10. 12,345.67 / 10 = 1,234.567: nine of 1,235.00, the first 1,230.67.
        var plan = Schedule(1_234_567, new LocalDate(2025, 3, 10));

        plan.Select(i => i.Due).ShouldBe([.. Enumerable.Range(0, 10).Select(m => new LocalDate(2025, 4, 1).PlusMonths(m))]);
        plan.Select(i => i.Amount.Pence).ShouldBe([123_067L, .. Enumerable.Repeat(123_500L, 9)]);
    }

    [Fact]
    public void A_notice_issued_in_the_year_gives_the_whole_months_left_less_one_from_at_least_14_days_on()
    {
        // Issued 20 December: January to March is 3 months, less one: 2, from 1 February (14 days on is 3 January).
        var plan = Schedule(100_000, new LocalDate(2025, 12, 20));

        plan.Select(i => (i.Due, i.Amount.Pence)).ShouldBe([(new LocalDate(2026, 2, 1), 50_000L), (new LocalDate(2026, 3, 1), 50_000L)]);
    }

    [Fact]
    public void A_notice_issued_from_1_January_is_one_sum_due_14_days_on()
    {
        Schedule(100_000, new LocalDate(2026, 1, 5)).ShouldBe([new Instalment(new LocalDate(2026, 1, 19), Money.FromPence(100_000))]);
    }

    [Fact]
    public void Fewer_instalments_where_one_would_be_under_50_pounds()
    {
        // SI 1989/1058 Sch 1 para 3: 230.00 in 10 would be 23.00 each; as many 50s as fit is 4: 57.50 rounds to 58.00,
        // and the first takes the rest, 56.00.
        var plan = Schedule(23_000, new LocalDate(2025, 3, 1));

        plan.Select(i => i.Amount.Pence).ShouldBe([5_600L, 5_800, 5_800, 5_800]);
    }

    [Fact]
    public void Instalments_add_up_to_the_bill_and_fall_in_order_inside_the_year()
    {
        // Any amount, any issue day from a month before the year to its end.
        var cases = Gen.Zip(Gen.Choose(1, 50_000_000), Gen.Choose(-30, 364));
        PropertyCheck.Holds(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var year = new FinancialYear(2025);
            var issued = year.FirstDay.PlusDays(c.Item2);
            var plan = RatesInstalments.Schedule(Money.FromPence(c.Item1), issued, year, []);
            var inYear = plan.All(i => i.Due <= year.LastDay.PlusDays(14) && i.Due >= issued.PlusDays(14));
            var ordered = plan.Zip(plan.Skip(1)).All(p => p.First.Due < p.Second.Due);
            return Money.Sum(plan.Select(i => i.Amount)) == Money.FromPence(c.Item1) && inYear && ordered && plan.Count <= 10;
        }));
    }
}
