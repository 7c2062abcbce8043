using FsCheck;
using FsCheck.Fluent;
using Reeve.Kernel;
using Reeve.Payments.Domain.Allocation;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Domain.Allocation;

public class YearAllocationTests
{
    private static readonly FinancialYear Y2023 = new(2023);
    private static readonly FinancialYear Y2024 = new(2024);
    private static readonly FinancialYear Y2025 = new(2025);

    private static Dictionary<FinancialYear, Money> Owed(params (FinancialYear Year, long Pence)[] years) =>
        years.ToDictionary(y => y.Year, y => Money.FromPence(y.Pence));

    [Fact]
    public void A_payment_pays_the_oldest_year_first_then_the_next()
    {
        // Oldest liability first unless the payer says otherwise (issue 4, allocation).
        var shares = YearAllocation.Allocate(Money.FromPence(30_000), Owed((Y2025, 50_000), (Y2023, 10_000), (Y2024, 15_000)), null, Y2025);

        shares.ShouldBe([new YearShare(Y2023, Money.FromPence(10_000)), new YearShare(Y2024, Money.FromPence(15_000)), new YearShare(Y2025, Money.FromPence(5_000))]);
    }

    [Fact]
    public void A_payer_who_names_a_year_on_the_account_has_the_whole_payment_put_to_it()
    {
        var shares = YearAllocation.Allocate(Money.FromPence(30_000), Owed((Y2023, 10_000), (Y2025, 50_000)), Y2025, Y2025);

        shares.ShouldBe([new YearShare(Y2025, Money.FromPence(30_000))]);
    }

    [Fact]
    public void A_named_year_the_account_has_nothing_in_is_ignored_and_the_oldest_paid_first()
    {
        var shares = YearAllocation.Allocate(Money.FromPence(5_000), Owed((Y2023, 10_000)), Y2024, Y2025);

        shares.ShouldBe([new YearShare(Y2023, Money.FromPence(5_000))]);
    }

    [Fact]
    public void What_is_left_once_every_year_is_clear_stays_as_a_credit_on_the_year_of_payment()
    {
        var shares = YearAllocation.Allocate(Money.FromPence(12_000), Owed((Y2023, 10_000), (Y2024, -500)), null, Y2025);

        shares.ShouldBe([new YearShare(Y2023, Money.FromPence(10_000)), new YearShare(Y2025, Money.FromPence(2_000))]);
    }

    [Fact]
    public void A_payment_to_an_account_with_no_entries_is_a_credit_on_the_year_of_payment()
    {
        YearAllocation.Allocate(Money.FromPence(100), Owed(), null, Y2025).ShouldBe([new YearShare(Y2025, Money.FromPence(100))]);
    }

    [Fact]
    public void Shares_always_add_up_to_the_payment_and_never_overpay_a_year_but_the_credit_year()
    {
        // Splits add up exactly to the whole (house style); allocation never over-allocates.
        var years = Gen.Choose(-20_000, 200_000).ArrayOf(4);
        // 2021 stands for "no year named".
        var cases = Gen.Zip(Gen.Zip(Gen.Choose(1, 500_000), years), Gen.Choose(2021, 2026));
        PropertyCheck.Holds(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var ((pence, owedByYear), named) = c;
            var owed = owedByYear.Select((p, i) => (Year: new FinancialYear(2022 + i), Pence: (long)p)).ToDictionary(y => y.Year, y => Money.FromPence(y.Pence));
            var namedYear = named == 2021 ? (FinancialYear?)null : new FinancialYear(named);
            var shares = YearAllocation.Allocate(Money.FromPence(pence), owed, namedYear, Y2025);
            var creditYear = owed.Keys.Append(Y2025).Max();
            return Money.Sum(shares.Select(s => s.Amount)) == Money.FromPence(pence)
                && shares.All(s => s.Amount.IsPositive)
                && shares.Select(s => s.Year).Distinct().Count() == shares.Count
                && (namedYear is { } y && owed.ContainsKey(y) || shares.All(s => s.Year == creditYear || s.Amount <= owed[s.Year]));
        }), tests: 1000);
    }
}
