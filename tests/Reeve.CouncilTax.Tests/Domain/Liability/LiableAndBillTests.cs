using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Reeve.TestKit;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using static Reeve.CouncilTax.Tests.Domain.DwellingBuilder;

namespace Reeve.CouncilTax.Tests.Domain;

public class LiableAndBillTests
{
    private static readonly FinancialYear Year2025 = new(2025);
    private static readonly Money BandD = MoneyText.Parse("1825.00");

    [Fact]
    public void A_resident_freeholder_is_liable_before_a_tenant()
    {
        // LGFA 1992 s6(2)(a): the first category in the hierarchy that anyone falls into is liable.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1), interest: Interest.Tenant).Resident(2, D(2020, 1, 1), interest: Interest.Freeholder).Build();

        var liable = LiableParties.OnDay(facts, D(2025, 6, 1))!;

        liable.Parties.ShouldBe([2L]);
        liable.Source.ShouldStartWith("LGFA 1992 s6(2)(a)");
    }

    [Fact]
    public void Joint_tenants_are_jointly_and_severally_liable()
    {
        // s6(3): two or more in the same top category are jointly and severally liable.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).Resident(2, D(2021, 1, 1)).Build();

        var liable = LiableParties.OnDay(facts, D(2025, 6, 1))!;

        liable.Parties.ShouldBe([1L, 2L]);
        liable.How.ShouldContain("jointly and severally");
    }

    [Fact]
    public void A_severely_mentally_impaired_joint_tenant_is_left_out_when_another_qualifies()
    {
        // s6(4): a severely mentally impaired person is not jointly liable where someone else qualifies.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).Resident(2, D(2020, 1, 1))
            .Disregarded(2, DisregardCategories.SevereMentalImpairment, D(2022, 1, 1)).Build();

        LiableParties.OnDay(facts, D(2025, 6, 1))!.Parties.ShouldBe([1L]);
    }

    [Fact]
    public void A_liable_tenants_resident_spouse_is_jointly_liable()
    {
        // s9: spouses and civil partners living together are jointly liable.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).Resident(2, D(2020, 1, 1), interest: Interest.OtherResident, partnerOf: 1).Build();

        var liable = LiableParties.OnDay(facts, D(2025, 6, 1))!;

        liable.Parties.ShouldBe([1L, 2L]);
        liable.Source.ShouldContain("s9");
    }

    [Fact]
    public void With_nobody_resident_the_owner_is_liable()
    {
        // s6(2)(f): where there is no resident, the owner is liable.
        var facts = new DwellingBuilder().Owner(9, D(2010, 1, 1)).Resident(1, D(2020, 1, 1), D(2025, 5, 31)).Build();

        LiableParties.OnDay(facts, D(2025, 5, 31))!.Parties.ShouldBe([1L]);
        LiableParties.OnDay(facts, D(2025, 6, 1))!.Parties.ShouldBe([9L]);
    }

    [Fact]
    public void The_owner_of_a_house_in_multiple_occupation_is_liable_even_with_residents()
    {
        // SI 1992/551 reg 2 Class C: the owner is liable for a house in multiple occupation.
        var facts = new DwellingBuilder().Owner(9, D(2010, 1, 1)).Resident(1, D(2020, 1, 1)).Resident(2, D(2020, 1, 1))
            .OwnerLiable("C: house in multiple occupation", D(2015, 1, 1)).Build();

        LiableParties.OnDay(facts, D(2025, 6, 1))!.Parties.ShouldBe([9L]);
    }

    [Fact]
    public void A_move_splits_the_year_into_two_bills_whose_days_add_up_to_the_year()
    {
        // LGFA 1992 s2: liability is daily; the outgoing tenant pays to the day they leave, the incoming from the next.
        var facts = new DwellingBuilder().Resident(1, D(2019, 1, 1), D(2025, 9, 14)).Resident(2, D(2025, 9, 15)).Build();

        var bills = YearBills.For(facts, Year2025, BandD);

        bills.Count.ShouldBe(2);
        bills[0].Liable.Parties.ShouldBe([1L]);
        bills[1].Liable.Parties.ShouldBe([2L]);
        bills.Sum(b => b.Periods.Sum(p => p.Charge.DaysLiable)).ShouldBe(365);
        // One adult each: 25% off £1,825 is £1,368.75 a year; 167 days and 198 days.
        bills[0].NetCharge.ShouldBe(Money.FromPence(62_625));
        bills[1].NetCharge.ShouldBe(Money.FromPence(74_250));
    }

    [Fact]
    public void A_band_change_mid_year_charges_each_band_for_its_days_on_one_bill()
    {
        // LGFA 1992 s2 and s5: the band on each day decides that day's charge.
        var facts = new DwellingBuilder(Band.D).BandFrom(D(2025, 10, 1), Band.C).Resident(1, D(2020, 1, 1)).Resident(2, D(2020, 1, 1)).Build();

        var bill = YearBills.For(facts, Year2025, BandD).ShouldHaveSingleItem();

        bill.Periods.Count.ShouldBe(2);
        // Band D £1,825 × 183/365 = £915.00; Band C £1,622.22 × 182/365 = £808.89.
        bill.Periods[0].Charge.NetCharge.ShouldBe(Money.FromPence(91_500));
        bill.Periods[1].Charge.NetCharge.ShouldBe(Money.FromPence(80_889));
    }

    [Fact]
    public void Single_person_discount_ends_the_day_a_second_adult_moves_in()
    {
        // s11(1): the discount depends on the residents counted on each day.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).Resident(2, D(2025, 7, 1), interest: Interest.OtherResident).Build();

        var bill = YearBills.For(facts, Year2025, BandD).ShouldHaveSingleItem();

        bill.Periods.Select(p => p.Charge.DiscountPercent).ShouldBe([25, 0]);
        bill.Periods[0].Period.To.ShouldBe(D(2025, 6, 30));
    }

    [Fact]
    public void A_disregarded_student_leaves_the_other_adult_a_single_person_discount()
    {
        // s11(5) and Sch 1 para 4: students are disregarded, so one adult is counted.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).Resident(2, D(2020, 1, 1), interest: Interest.OtherResident)
            .Disregarded(2, "student", D(2024, 9, 1)).Build();

        var bill = YearBills.For(facts, Year2025, BandD).ShouldHaveSingleItem();

        bill.Periods.ShouldHaveSingleItem().Charge.DiscountPercent.ShouldBe(25);
    }

    [Fact]
    public void A_full_council_tax_reduction_leaves_nothing_to_pay()
    {
        // s13A: the reduction is taken off last.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).Reduction(1, 100, D(2024, 1, 1)).Build();

        YearBills.For(facts, Year2025, BandD).ShouldHaveSingleItem().NetCharge.ShouldBe(Money.Zero);
    }

    [Fact]
    public void A_manual_reduction_of_an_annual_amount_is_apportioned_by_day_and_taken_off_last()
    {
        // s13A(1)(c): £365 a year awarded from 1 October 2025 takes £182 off the 182 days to 31 March.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).ManualReduction(1, Money.FromPounds(365), D(2025, 10, 1)).Build();

        var bill = YearBills.For(facts, Year2025, BandD).ShouldHaveSingleItem();

        bill.Periods.Count.ShouldBe(2);
        bill.Periods[1].Charge.Reduction.ShouldBe(Money.FromPounds(182));
        bill.NetCharge.ShouldBe(MoneyText.Parse("1368.75") - Money.FromPounds(182));
    }

    [Fact]
    public void A_manual_reduction_larger_than_the_charge_leaves_nothing_to_pay_and_no_credit()
    {
        // s13A: a reduction never takes the charge below nil.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).ManualReduction(1, Money.FromPounds(5_000), D(2025, 4, 1)).Build();

        YearBills.For(facts, Year2025, BandD).ShouldHaveSingleItem().NetCharge.ShouldBe(Money.Zero);
    }

    [Fact]
    public void An_empty_home_in_class_C_pays_the_councils_local_discount_instead_of_the_statutory_half()
    {
        // LGFA 1992 s11A: the council's 0% for prescribed class C replaces the s11(2)(a) 50% for an empty dwelling.
        var facts = new DwellingBuilder().Owner(9, D(2010, 1, 1)).LocalDiscountClass("C", D(2025, 4, 1)).Build();
        var withClassC = YearBills.For(facts, Year2025, BandD, new Dictionary<string, int> { ["C"] = 0 }).ShouldHaveSingleItem();
        var without = YearBills.For(new DwellingBuilder().Owner(9, D(2010, 1, 1)).Build(), Year2025, BandD).ShouldHaveSingleItem();

        withClassC.NetCharge.ShouldBe(BandD);
        withClassC.Explanation.ShouldContain(s => s.Source.StartsWith("LGFA 1992 s11A", StringComparison.Ordinal));
        without.NetCharge.ShouldBe(MoneyText.Parse("912.50"));
    }

    [Fact]
    public void In_a_leap_year_a_whole_years_liability_is_the_whole_annual_charge()
    {
        // s2: apportionment over 366 days in 2027/28 still charges exactly the annual amount for the whole year.
        var facts = new DwellingBuilder().Resident(1, D(2020, 1, 1)).Resident(2, D(2020, 1, 1)).Build();

        var bill = YearBills.For(facts, new FinancialYear(2027), BandD).ShouldHaveSingleItem();

        bill.Periods.ShouldHaveSingleItem().Charge.DaysInYear.ShouldBe(366);
        bill.NetCharge.ShouldBe(BandD);
    }

    [Fact]
    public void Any_sequence_of_moves_charges_every_day_of_the_year_once()
    {
        // s2: with someone always liable, the days on all bills add up to the days in the year.
        PropertyCheck.Holds(Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var rng = new Random(seed);
            var builder = new DwellingBuilder();
            var from = D(2019, 1, 1);
            long party = 1;
            while (true)
            {
                var to = D(2025, 4, 1).PlusDays(rng.Next(0, 400));
                if (to >= D(2026, 3, 31))
                {
                    builder.Resident(party, from);
                    break;
                }

                builder.Resident(party++, from, to);
                from = to.PlusDays(1);
            }

            var bills = YearBills.For(builder.Build(), Year2025, BandD);
            return bills.Sum(b => b.Periods.Sum(p => p.Charge.DaysLiable)) == 365;
        }));
    }
}
