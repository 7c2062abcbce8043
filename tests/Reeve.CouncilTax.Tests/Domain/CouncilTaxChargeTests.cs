using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Tests.Domain;

public class CouncilTaxChargeTests
{
    private static ChargeCase Case(
        int year = 2025,
        string bandD = "1825.00",
        Band band = Band.D,
        LocalDate? from = null,
        LocalDate? to = null,
        int adults = 2,
        int disregarded = 0,
        string? exemption = null,
        bool disabled = false,
        Premium? premium = null,
        string reduction = "0.00")
    {
        var fy = new FinancialYear(year);
        return new ChargeCase(fy, MoneyText.Parse(bandD), band, new DateInterval(from ?? fy.FirstDay, to ?? fy.LastDay), adults, disregarded, exemption, disabled, premium, MoneyText.Parse(reduction));
    }

    [Fact]
    public void Single_person_discount_reduces_charge_by_a_quarter()
    {
        // LGFA 1992 s11(1): one adult resident, 25% of £2,026.79 is £506.70, leaving £1,520.09.
        var result = CouncilTaxCharge.Calculate(Case(bandD: "2280.14", band: Band.C, adults: 1));
        result.AnnualBandCharge.ShouldBe(MoneyText.Parse("2026.79"));
        result.GrossCharge.ShouldBe(MoneyText.Parse("2026.79"));
        result.DiscountPercent.ShouldBe(25);
        result.Discount.ShouldBe(MoneyText.Parse("506.70"));
        result.NetCharge.ShouldBe(MoneyText.Parse("1520.09"));
    }

    [Fact]
    public void All_residents_disregarded_halves_the_charge()
    {
        // LGFA 1992 s11(2)(b): every resident disregarded, twice the appropriate percentage: 50%.
        var result = CouncilTaxCharge.Calculate(Case(bandD: "2000.00", adults: 2, disregarded: 2));
        result.DiscountPercent.ShouldBe(50);
        result.NetCharge.ShouldBe(MoneyText.Parse("1000.00"));
    }

    [Fact]
    public void Part_year_move_in_pays_for_the_days_liable_only()
    {
        // LGFA 1992 s2: moved in 15 June 2025, 290 of 365 days: £1,825.00 × 290 ÷ 365 = £1,450.00.
        var result = CouncilTaxCharge.Calculate(Case(from: new LocalDate(2025, 6, 15)));
        result.DaysLiable.ShouldBe(290);
        result.DaysInYear.ShouldBe(365);
        result.NetCharge.ShouldBe(MoneyText.Parse("1450.00"));
    }

    [Fact]
    public void Part_year_in_the_leap_year_divides_by_366()
    {
        // LGFA 1992 s2: 2027/28 has 366 days; 1 October 2027 to 31 March 2028 is 183 of them.
        var result = CouncilTaxCharge.Calculate(Case(year: 2027, bandD: "1830.00", from: new LocalDate(2027, 10, 1)));
        result.DaysInYear.ShouldBe(366);
        result.NetCharge.ShouldBe(MoneyText.Parse("915.00"));
    }

    [Fact]
    public void Exempt_dwelling_is_charged_nothing()
    {
        // LGFA 1992 s4: an exempt dwelling (here Class N, students only) is not chargeable.
        var result = CouncilTaxCharge.Calculate(Case(exemption: "N", adults: 2, reduction: "100.00"));
        result.GrossCharge.ShouldBe(Money.Zero);
        result.Reduction.ShouldBe(Money.Zero);
        result.NetCharge.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Long_term_empty_premium_starts_part_way_through_the_year_on_the_anniversary()
    {
        // LGFA 1992 s11B as amended by LURA 2023 s79: empty since 1 October 2024, long-term empty from 1 October 2025.
        var result = CouncilTaxCharge.Calculate(Case(adults: 0, premium: new LongTermEmpty(new LocalDate(2024, 10, 1))));
        result.Segments.Count.ShouldBe(2);
        result.Segments[0].ShouldBe(new ChargedSegment(new LocalDate(2025, 4, 1), new LocalDate(2025, 9, 30), 183, 0, MoneyText.Parse("1825.00"), MoneyText.Parse("915.00")));
        result.Segments[1].ShouldBe(new ChargedSegment(new LocalDate(2025, 10, 1), new LocalDate(2026, 3, 31), 182, 100, MoneyText.Parse("3650.00"), MoneyText.Parse("1820.00")));
        result.GrossCharge.ShouldBe(MoneyText.Parse("1825.00"));
        result.PremiumPercent.ShouldBe(100);
        result.Premium.ShouldBe(MoneyText.Parse("910.00"));
        result.DiscountPercent.ShouldBe(0);
        result.NetCharge.ShouldBe(MoneyText.Parse("2735.00"));
    }

    [Fact]
    public void Empty_for_two_years_in_2023_24_has_no_premium_yet_but_does_from_2024_25()
    {
        // LGFA 1992 s11B: the threshold was 2 years until 31 March 2024 and is 1 year from 1 April 2024 (LURA 2023 s79).
        var empty = new LongTermEmpty(new LocalDate(2022, 6, 1));
        var before = CouncilTaxCharge.Calculate(Case(year: 2023, adults: 0, premium: empty));
        var after = CouncilTaxCharge.Calculate(Case(year: 2024, adults: 0, premium: empty));

        // Two years from 1 June 2022 is 1 June 2024, after 2023/24 ends; one year from it was long past by 1 April 2024.
        before.PremiumPercent.ShouldBe(0);
        before.Premium.ShouldBe(Money.Zero);
        after.PremiumPercent.ShouldBe(100);
        after.Segments.Count.ShouldBe(1);
    }

    [Fact]
    public void Long_term_empty_premium_steps_to_200_percent_after_five_years()
    {
        // LGFA 1992 s11B(1)(b): empty 5 years or more, up to 200%.
        var result = CouncilTaxCharge.Calculate(Case(adults: 0, premium: new LongTermEmpty(new LocalDate(2020, 7, 1))));
        result.Segments.Select(s => (s.From, s.PremiumPercent)).ShouldBe([(new LocalDate(2025, 4, 1), 100), (new LocalDate(2025, 7, 1), 200)]);
        result.PremiumPercent.ShouldBe(200);
    }

    [Fact]
    public void Second_home_premium_adds_the_given_percentage_and_removes_the_discount()
    {
        // LGFA 1992 s11C (LURA 2023 s80), from 1 April 2025: 100% on £1,825.00, and no s11 discount.
        var result = CouncilTaxCharge.Calculate(Case(adults: 0, premium: new SecondHome(100)));
        result.PremiumPercent.ShouldBe(100);
        result.Premium.ShouldBe(MoneyText.Parse("1825.00"));
        result.Discount.ShouldBe(Money.Zero);
        result.NetCharge.ShouldBe(MoneyText.Parse("3650.00"));
    }

    [Fact]
    public void Council_tax_reduction_is_taken_off_last()
    {
        // LGFA 1992 s13A(1)(a): after the 25% discount of £1,800.00 (£1,350.00), a £200.00 reduction leaves £1,150.00.
        var result = CouncilTaxCharge.Calculate(Case(bandD: "1800.00", adults: 1, reduction: "200.00"));
        result.Discount.ShouldBe(MoneyText.Parse("450.00"));
        result.Reduction.ShouldBe(MoneyText.Parse("200.00"));
        result.NetCharge.ShouldBe(MoneyText.Parse("1150.00"));
    }

    [Fact]
    public void Council_tax_reduction_never_takes_the_charge_below_nil()
    {
        // LGFA 1992 s13A(1)(a): a reduction reduces the amount payable; it cannot make it a credit.
        var result = CouncilTaxCharge.Calculate(Case(bandD: "1800.00", adults: 1, reduction: "5000.00"));
        result.Reduction.ShouldBe(MoneyText.Parse("1350.00"));
        result.NetCharge.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Gross_less_discount_plus_premium_less_reduction_is_the_net_charge()
    {
        // LGFA 1992 ss2, 11, 11B, 13A: the parts shown on a bill always add up.
        foreach (var c in new[]
        {
            Case(bandD: "1999.99", band: Band.G, adults: 1, from: new LocalDate(2025, 8, 17), reduction: "12.34"),
            Case(bandD: "1999.99", band: Band.B, adults: 0, premium: new LongTermEmpty(new LocalDate(2015, 9, 9)), from: new LocalDate(2025, 5, 3)),
        })
        {
            var r = CouncilTaxCharge.Calculate(c);
            (r.GrossCharge - r.Discount + r.Premium - r.Reduction).ShouldBe(r.NetCharge);
        }
    }
}
