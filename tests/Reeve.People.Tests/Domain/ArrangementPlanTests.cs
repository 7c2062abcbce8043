using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests.Domain;

public class ArrangementPlanTests
{
    private static CoveredDebt Account(long id, string balance, bool ongoing = false, bool priority = true) =>
        new(id, $"A{id}", MoneyText.Parse(balance), ongoing, priority);

    [Fact]
    public void A_schedule_of_equal_instalments_ends_with_what_is_left_and_adds_up_to_the_total()
    {
        var schedule = ArrangementPlan.Schedule(MoneyText.Parse("250.00"), MoneyText.Parse("100.00"), Frequency.Monthly, new LocalDate(2026, 5, 1));

        schedule.Select(i => i.Amount).ShouldBe([MoneyText.Parse("100.00"), MoneyText.Parse("100.00"), MoneyText.Parse("50.00")]);
        schedule.Select(i => i.DueOn).ShouldBe([new LocalDate(2026, 5, 1), new LocalDate(2026, 6, 1), new LocalDate(2026, 7, 1)]);
    }

    [Fact]
    public void Weekly_and_fortnightly_instalments_are_the_monthly_offer_over_52_and_26_rounded_down()
    {
        // £100 a month is £1,200 a year: £23.07 a week (1200/52 = 23.076...) and £46.15 a fortnight.
        Frequency.Weekly.FromMonthly(MoneyText.Parse("100.00")).ShouldBe(MoneyText.Parse("23.07"));
        Frequency.Fortnightly.FromMonthly(MoneyText.Parse("100.00")).ShouldBe(MoneyText.Parse("46.15"));
        Frequency.Weekly.DueDate(new LocalDate(2026, 5, 1), 2).ShouldBe(new LocalDate(2026, 5, 15));
    }

    [Fact]
    public void Every_built_schedule_adds_up_exactly_to_its_total_in_date_order()
    {
        PropertyCheck.Holds(Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var rng = new Random(seed);
            var total = Money.FromPence(rng.Next(1, 5_000_000));
            var per = Money.FromPence(rng.Next(100, 200_000));
            var frequency = (Frequency)rng.Next(3);
            var schedule = ArrangementPlan.Schedule(total, per, frequency, new LocalDate(2026, 1, 31));
            return ArrangementPlan.Problem(total, schedule) is null;
        }));
    }

    [Fact]
    public void A_schedule_that_does_not_add_up_to_the_total_is_refused_with_both_figures()
    {
        var instalments = new[]
        {
            new Instalment(1, new LocalDate(2026, 5, 1), MoneyText.Parse("100.00")),
            new Instalment(2, new LocalDate(2026, 6, 1), MoneyText.Parse("100.00")),
        };

        ArrangementPlan.Problem(MoneyText.Parse("250.00"), instalments)
            .ShouldBe("The instalments add up to £200.00 but the arrangement is for £250.00");
    }

    [Fact]
    public void Accounts_with_an_ongoing_liability_are_offered_first_then_priority_then_the_rest_pro_rata()
    {
        var shares = ArrangementPlan.Share(MoneyText.Parse("150.00"),
        [
            Account(1, "900.00", priority: false),
            Account(2, "100.00", ongoing: true),
            Account(3, "300.00", priority: false),
        ]);

        // £100 clears the current account's offer first; the other £50 is shared 900:300 between the rest.
        shares.Select(s => s.Monthly).ShouldBe([MoneyText.Parse("37.50"), MoneyText.Parse("100.00"), MoneyText.Parse("12.50")]);
    }

    [Fact]
    public void The_offer_gives_the_council_its_part_of_the_disposable_income_after_other_priority_debts()
    {
        var budget = new Budget(1, 0, [("earnings", MoneyText.Parse("1200.00"))], [("homeAndContents", MoneyText.Parse("1000.00"))],
            [new Debt("ENERGY", "energy", MoneyText.Parse("50.00"), Priority: true)]);

        var offer = ArrangementPlan.Propose(budget, SpendingGuidelines.DemoExample, [Account(1, "600.00"), Account(2, "200.00")]);

        // £200 disposable shared pro rata over the priority debts of £50, £600 and £200 (of £850): £11.76, £141.18 and £47.06
        // (11.7647, 141.1765, 47.0588 rounded to the nearest penny, adding up to £200); the council's part is £188.24.
        offer.Monthly.ShouldBe(MoneyText.Parse("188.24"));
        offer.Total.ShouldBe(MoneyText.Parse("800.00"));
        Money.Sum(offer.Shares.Select(s => s.Monthly)).ShouldBe(offer.Monthly);
    }
}
