using Reeve.Kernel;
using Reeve.Overpayments.Domain;

namespace Reeve.Overpayments.Tests.Domain;

/// <summary>
/// What the employer actually takes from a pay around the reg 20 table (shared/rulebook.md 3.2): 60% of the net earnings is
/// protected, orders with priority come first (reg 29), and the employer may add 1 pound for each deduction it makes.
/// </summary>
public sealed class DeaPayTests
{
    private static Money P(string text) => MoneyText.Parse(text);

    [Fact]
    public void With_nothing_else_taken_the_table_deduction_and_the_1_pound_charge_are_taken_whole()
    {
        // 300.00 weekly, standard: 11% = 33.00; 60% protected = 180.00 leaves room of 120.00.
        var taken = DeaPay.Take(P("300.00"), P("33.00"), Money.Zero, employerCharges: true);
        taken.Deduction.ShouldBe(P("33.00"));
        taken.EmployerCharge.ShouldBe(P("1.00"));
        taken.ProtectedEarnings.ShouldBe(P("180.00"));
        taken.Shortfall.ShouldBe(Money.Zero);
    }

    [Fact]
    public void An_order_with_priority_leaves_less_room_and_the_deduction_is_cut_to_keep_60_percent()
    {
        // 500.00 weekly, standard: 15% = 75.00. 60% protected = 300.00; a priority order takes 150.00, leaving room of 50.00.
        var taken = DeaPay.Take(P("500.00"), P("75.00"), P("150.00"), employerCharges: true);
        taken.Deduction.ShouldBe(P("50.00"));
        taken.EmployerCharge.ShouldBe(Money.Zero, "the charge too must stay within the 40% that is not protected");
        taken.Shortfall.ShouldBe(P("25.00"));
        (P("500.00") - taken.Deduction - taken.EmployerCharge - P("150.00")).ShouldBe(taken.ProtectedEarnings);
    }

    [Fact]
    public void The_charge_takes_only_the_room_left_after_the_deduction()
    {
        // 200.00 net: protected 120.00; a priority order of 69.50 leaves room of 10.50: the table's 10.00 (5%) fits and the charge
        // is the 0.50 left.
        var taken = DeaPay.Take(P("200.00"), P("10.00"), P("69.50"), employerCharges: true);
        taken.Deduction.ShouldBe(P("10.00"));
        taken.EmployerCharge.ShouldBe(P("0.50"));
    }

    [Fact]
    public void No_deduction_means_no_charge()
    {
        var taken = DeaPay.Take(P("90.00"), Money.Zero, Money.Zero, employerCharges: true);
        taken.Deduction.ShouldBe(Money.Zero);
        taken.EmployerCharge.ShouldBe(Money.Zero);
    }

    [Fact]
    public void An_employer_that_does_not_charge_takes_only_the_deduction()
    {
        var taken = DeaPay.Take(P("300.00"), P("33.00"), Money.Zero, employerCharges: false);
        taken.EmployerCharge.ShouldBe(Money.Zero);
        taken.Explanation.ShouldAllBe(s => s.Source.StartsWith("SI 2013/384", StringComparison.Ordinal));
    }

    [Fact]
    public void Protected_earnings_round_to_the_nearest_penny()
    {
        // 60% of 100.01 = 60.006: 60.01 protected, room 40.00.
        DeaPay.Take(P("100.01"), P("3.00"), Money.Zero, employerCharges: false).ProtectedEarnings.ShouldBe(P("60.01"));
    }
}
