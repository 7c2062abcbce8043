using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Tests.Domain;

public class InstalmentsTests
{
    private static readonly FinancialYear Year2025 = new(2025);

    private static IReadOnlyList<Instalment> Plan(string total, LocalDate issued, int? requested = null, int dayOfMonth = 1, InstalmentRegime regime = InstalmentRegime.CouncilTax) =>
        Instalments.Plan(regime, MoneyText.Parse(total), issued, Year2025, requested, dayOfMonth).Instalments;

    private static string[] Amounts(IEnumerable<Instalment> plan) => plan.Select(i => i.Amount.ToPlainString()).ToArray();

    [Fact]
    public void Instalments_after_the_first_are_whole_pounds_and_the_first_takes_the_odd_amount()
    {
        // CTAE Regs 1992 Sch 1 para 2(6): £1,520.09 ÷ 10 = £152.009, so nine of £152 and a first of £152.09.
        Amounts(Instalments.WholePoundsWithBalancingFirstInstalment(MoneyText.Parse("1520.09"), 10).Select(a => new Instalment(default, a)))
            .ShouldBe(["152.09", .. Enumerable.Repeat("152.00", 9)]);
    }

    [Theory]
    [InlineData("1000.00", 10, "100.00", "100.00")]
    [InlineData("1234.56", 10, "127.56", "123.00")]
    [InlineData("1005.00", 10, "96.00", "101.00")]
    [InlineData("1200.00", 12, "100.00", "100.00")]
    public void Instalment_amounts_follow_the_whole_pound_rule(string total, int count, string first, string rest)
    {
        // CTAE Regs 1992 Sch 1 para 2(5)-(6): a whole-pound quotient is used as it is; otherwise rounded to the nearest pound.
        var amounts = Instalments.WholePoundsWithBalancingFirstInstalment(MoneyText.Parse(total), count);
        amounts[0].ShouldBe(MoneyText.Parse(first));
        amounts.Skip(1).ShouldAllBe(a => a == MoneyText.Parse(rest));
    }

    [Theory]
    [InlineData(2025, 3, 10, 10)]
    [InlineData(2025, 4, 30, 10)]
    [InlineData(2025, 5, 1, 9)]
    [InlineData(2025, 5, 31, 9)]
    [InlineData(2025, 6, 1, 8)]
    [InlineData(2025, 12, 31, 2)]
    [InlineData(2026, 1, 15, 1)]
    [InlineData(2026, 3, 31, 1)]
    public void Number_of_instalments_follows_the_issue_date(int y, int m, int d, int expected) =>
        // CTAE Regs 1992 Sch 1 para 2(1), 2(3): 10 by 30 April; then one less than the whole months left; from 1 January one.
        Instalments.StatutoryCount(InstalmentRegime.CouncilTax, new LocalDate(y, m, d), Year2025, twelve: false).ShouldBe(expected);

    [Fact]
    public void Notice_issued_on_30_April_gives_ten_instalments_from_June()
    {
        // CTAE Regs 1992 Sch 1 para 2(3)(a): issued by 30 April, 10 instalments; the first at least 14 days after issue.
        var plan = Plan("1520.09", new LocalDate(2025, 4, 30));
        plan.Count.ShouldBe(10);
        plan[0].Due.ShouldBe(new LocalDate(2025, 6, 1));
        plan[^1].Due.ShouldBe(new LocalDate(2026, 3, 1));
    }

    [Fact]
    public void Notice_issued_on_1_May_gives_nine_instalments()
    {
        // CTAE Regs 1992 Sch 1 para 2(3)(b): 10 whole months remain after 1 May (June to March), less one.
        var plan = Plan("1520.09", new LocalDate(2025, 5, 1));
        plan.Count.ShouldBe(9);
        plan[0].Due.ShouldBe(new LocalDate(2025, 6, 1));
        Amounts(plan).ShouldBe(["168.09", .. Enumerable.Repeat("169.00", 8)]);
    }

    [Fact]
    public void Notice_issued_in_January_is_a_single_instalment()
    {
        // CTAE Regs 1992 Sch 1 para 2(1): monthly instalments only for notices issued by 31 December.
        var plan = Plan("1520.09", new LocalDate(2026, 1, 15));
        plan.ShouldBe([new Instalment(new LocalDate(2026, 2, 1), MoneyText.Parse("1520.09"))]);
    }

    [Fact]
    public void Notice_issued_before_the_year_starts_on_1_April()
    {
        // CTAE Regs 1992 Sch 1 para 2(3)(a) and 2(4): 10 uninterrupted months from April.
        var plan = Plan("1520.09", new LocalDate(2025, 3, 10));
        plan.Select(i => i.Due).ShouldBe(Enumerable.Range(0, 10).Select(i => new LocalDate(2025, 4, 1).PlusMonths(i)));
        Amounts(plan).ShouldBe(["152.09", .. Enumerable.Repeat("152.00", 9)]);
    }

    [Fact]
    public void Twelve_instalments_on_request_run_April_to_March()
    {
        // CTAE Regs 1992 reg 21(1A) and Sch 1 para 2(3A)(a)(i): issued before the year, 12 instalments.
        var plan = Plan("1200.00", new LocalDate(2025, 3, 10), requested: 12);
        plan.Count.ShouldBe(12);
        plan[^1].Due.ShouldBe(new LocalDate(2026, 3, 1));
        Amounts(plan).ShouldAllBe(a => a == "100.00");
    }

    [Fact]
    public void Twelve_instalments_requested_in_June_give_the_whole_months_left()
    {
        // CTAE Regs 1992 Sch 1 para 2(3A)(a)(ii): issued 20 June, whole months left July to March: 9.
        var plan = Plan("900.00", new LocalDate(2025, 6, 20), requested: 12, dayOfMonth: 15);
        plan.Count.ShouldBe(9);
        plan[0].Due.ShouldBe(new LocalDate(2025, 7, 15));
        plan[^1].Due.ShouldBe(new LocalDate(2026, 3, 15));
    }

    [Fact]
    public void Twelve_instalments_stop_at_March_when_the_first_cannot_be_in_April()
    {
        // CTAE Regs 1992 Sch 1 para 2(4): instalments fall in months of the year; issued 10 April, the first is 1 May.
        var plan = Plan("1100.00", new LocalDate(2025, 4, 10), requested: 12);
        plan.Count.ShouldBe(11);
        plan[^1].Due.ShouldBe(new LocalDate(2026, 3, 1));
    }

    [Fact]
    public void Total_under_ten_pounds_is_a_single_instalment()
    {
        // CTAE Regs 1992 Sch 1 para 3(1)(a): instalments would be under £5 and the total is under £10.
        Amounts(Plan("8.00", new LocalDate(2025, 3, 10))).ShouldBe(["8.00"]);
    }

    [Fact]
    public void Small_totals_use_as_many_five_pound_instalments_as_fit()
    {
        // CTAE Regs 1992 Sch 1 para 3(1)(b): £23.00 in 10 would be £2 each; four instalments instead.
        Amounts(Plan("23.00", new LocalDate(2025, 3, 10))).ShouldBe(["5.00", "6.00", "6.00", "6.00"]);
    }

    [Fact]
    public void A_first_instalment_under_five_pounds_takes_in_the_second()
    {
        // CTAE Regs 1992 Sch 1 para 2(7): £46.00 in 10 gives £5s and a first of £1, so the second joins the first.
        Amounts(Plan("46.00", new LocalDate(2025, 3, 10))).ShouldBe(["6.00", .. Enumerable.Repeat("5.00", 8)]);
    }

    [Fact]
    public void Business_rates_instalments_under_fifty_pounds_are_merged()
    {
        // SI 1989/1058 Sch 1 para 3: £400.00 in 10 would be £40; eight of £50 instead.
        Amounts(Plan("400.00", new LocalDate(2025, 3, 10), regime: InstalmentRegime.BusinessRates)).ShouldBe(Enumerable.Repeat("50.00", 8).ToArray());
    }

    [Fact]
    public void Business_rates_issued_in_May_gives_one_less_than_the_months_left()
    {
        // SI 1989/1058 Sch 1 para 1(2): 10 or, if less, the whole months left after issue less one.
        Instalments.StatutoryCount(InstalmentRegime.BusinessRates, new LocalDate(2025, 5, 20), Year2025, false).ShouldBe(9);
        Instalments.StatutoryCount(InstalmentRegime.BusinessRates, new LocalDate(2025, 4, 20), Year2025, false).ShouldBe(10);
    }

    [Fact]
    public void Instalments_sum_exactly_to_the_total_and_fall_in_order_inside_the_year()
    {
        // CTAE Regs 1992 Sch 1 para 2(4)-(7), para 3: splits add up; months uninterrupted within the year; first due 14 days after issue.
        var cases = Gen.Zip(
            Gen.Zip(Gen.Choose(0, 10_000_000), Gen.Choose(-90, 350)),
            Gen.Zip(Gen.Choose(0, 12), Gen.Zip(Gen.Choose(1, 31), Gen.Elements(InstalmentRegime.CouncilTax, InstalmentRegime.BusinessRates)))).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(cases, c =>
        {
            var ((pence, offset), (asked, (dayOfMonth, regime))) = c;
            var issued = Year2025.FirstDay.PlusDays(offset);
            var total = Money.FromPence(pence);
            var plan = Instalments.Plan(regime, total, issued, Year2025, asked == 0 ? null : asked, dayOfMonth).Instalments;
            var dues = plan.Select(i => i.Due).ToList();
            return Money.Sum(plan.Select(i => i.Amount)) == total
                && dues.Zip(dues.Skip(1)).All(p => p.First < p.Second)
                && dues.All(d => Year2025.Contains(d) && d >= issued.PlusDays(14))
                && plan.All(i => i.Amount.IsPositive)
                && plan.Count <= 12;
        }));
    }
}
