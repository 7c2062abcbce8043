using NodaTime;

namespace Reeve.Kernel.Tests;

public class FinancialYearTests
{
    [Fact]
    public void A_financial_year_runs_from_1_April_to_31_March_and_is_named_by_its_first_year()
    {
        // LGFA 1992 s116: a financial year begins on 1 April.
        var year = new FinancialYear(2025);

        year.FirstDay.ShouldBe(new LocalDate(2025, 4, 1));
        year.LastDay.ShouldBe(new LocalDate(2026, 3, 31));
        year.Days.Start.ShouldBe(new LocalDate(2025, 4, 1));
        year.Days.End.ShouldBe(new LocalDate(2026, 3, 31));
        year.ToString().ShouldBe("2025/26");
    }

    [Fact]
    public void The_name_of_the_year_across_a_century_shows_two_digits()
    {
        new FinancialYear(1999).ToString().ShouldBe("1999/00");
        new FinancialYear(2009).ToString().ShouldBe("2009/10");
    }

    [Theory]
    [InlineData(2027, 366)] // 1 Apr 2027 to 31 Mar 2028 holds 29 Feb 2028
    [InlineData(2023, 366)] // holds 29 Feb 2024
    [InlineData(2024, 365)] // 29 Feb 2024 falls before it starts
    [InlineData(2025, 365)]
    public void A_year_that_holds_29_February_has_366_days(int startYear, int days)
    {
        // Daily apportionment (LGFA 1992 s2) divides by the days in the financial year.
        var year = new FinancialYear(startYear);

        year.DaysInYear.ShouldBe(days);
        year.Days.Length.ShouldBe(days);
    }

    [Theory]
    [InlineData(2026, 3, 31, 2025)]
    [InlineData(2026, 4, 1, 2026)]
    [InlineData(2026, 1, 1, 2025)]
    [InlineData(2026, 12, 31, 2026)]
    public void The_year_containing_a_date_turns_over_on_1_April(int y, int m, int d, int startYear)
    {
        var date = new LocalDate(y, m, d);

        FinancialYear.Containing(date).ShouldBe(new FinancialYear(startYear));
        new FinancialYear(startYear).Contains(date).ShouldBeTrue();
        new FinancialYear(startYear).Next.Contains(date).ShouldBeFalse();
        new FinancialYear(startYear).Previous.Contains(date).ShouldBeFalse();
    }

    [Fact]
    public void Years_order_by_when_they_start()
    {
        var earlier = new FinancialYear(2024);
        var later = new FinancialYear(2025);

        (earlier < later).ShouldBeTrue();
        (later > earlier).ShouldBeTrue();
        (earlier <= earlier.Next.Previous).ShouldBeTrue();
        (later >= earlier.Next).ShouldBeTrue();
        earlier.Next.ShouldBe(later);
        later.Previous.ShouldBe(earlier);
        earlier.CompareTo(later).ShouldBeLessThan(0);
    }
}
