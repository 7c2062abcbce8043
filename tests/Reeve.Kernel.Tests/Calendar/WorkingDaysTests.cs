using NodaTime;

namespace Reeve.Kernel.Tests;

public class WorkingDaysTests
{
    private static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales;

    [Fact]
    public void Every_listed_bank_holiday_is_not_a_working_day()
    {
        var listed = ListedHolidays();

        listed.Count.ShouldBe(107);
        listed.ShouldAllBe(date => Calendar.IsBankHoliday(date) && !Calendar.IsWorkingDay(date));
    }

    [Fact]
    public void The_state_funeral_and_the_coronation_were_one_off_bank_holidays()
    {
        Calendar.IsWorkingDay(new LocalDate(2022, 9, 19)).ShouldBeFalse();
        Calendar.IsWorkingDay(new LocalDate(2023, 5, 8)).ShouldBeFalse();
        Calendar.IsWorkingDay(new LocalDate(2022, 9, 20)).ShouldBeTrue();
        Calendar.IsWorkingDay(new LocalDate(2023, 5, 9)).ShouldBeTrue();
    }

    [Fact]
    public void Christmas_2027_on_a_Saturday_moves_both_holidays_to_the_Monday_and_Tuesday()
    {
        // Banking and Financial Dealings Act 1971 Sch 1: a Christmas or Boxing Day at a weekend is substituted by a weekday.
        Calendar.IsWorkingDay(new LocalDate(2027, 12, 24)).ShouldBeTrue();
        Calendar.IsWorkingDay(new LocalDate(2027, 12, 27)).ShouldBeFalse();
        Calendar.IsWorkingDay(new LocalDate(2027, 12, 28)).ShouldBeFalse();
        Calendar.IsWorkingDay(new LocalDate(2027, 12, 29)).ShouldBeTrue();
        Calendar.AddWorkingDays(new LocalDate(2027, 12, 24), 1).ShouldBe(new LocalDate(2027, 12, 29));
    }

    [Fact]
    public void The_rules_reproduce_every_listed_holiday_but_the_one_offs_and_the_moved_ones()
    {
        var listed = ListedHolidays().ToHashSet();
        var byRule = Enumerable.Range(2018, 13).SelectMany(BankHolidayRules.ForYear).ToHashSet();

        // Proclaimed by royal proclamation, so no rule can predict them: VE day 2020 replaced the early May
        // Monday, the Platinum Jubilee moved the spring holiday and added one, then a state funeral and a coronation.
        listed.Except(byRule).Order().ShouldBe(
        [
            new LocalDate(2020, 5, 8),
            new LocalDate(2022, 6, 2),
            new LocalDate(2022, 6, 3),
            new LocalDate(2022, 9, 19),
            new LocalDate(2023, 5, 8),
        ]);
        // ...and the regular Mondays those moves displaced.
        byRule.Except(listed).Order().ShouldBe([new LocalDate(2020, 5, 4), new LocalDate(2022, 5, 30)]);
    }

    [Fact]
    public void Years_after_the_listed_calendar_follow_the_rules_with_substitute_days()
    {
        // 2032: Christmas on a Saturday and Boxing Day on a Sunday become Monday 27 and Tuesday 28 December.
        Calendar.IsBankHoliday(new LocalDate(2032, 12, 27)).ShouldBeTrue();
        Calendar.IsBankHoliday(new LocalDate(2032, 12, 28)).ShouldBeTrue();
        // 2033: New Year's Day on a Saturday becomes Monday 3 January.
        Calendar.IsBankHoliday(new LocalDate(2033, 1, 3)).ShouldBeTrue();
        // 2031: Easter Sunday is 13 April, so Good Friday is 11 April and Easter Monday 14 April.
        Calendar.IsBankHoliday(new LocalDate(2031, 4, 11)).ShouldBeTrue();
        Calendar.IsBankHoliday(new LocalDate(2031, 4, 14)).ShouldBeTrue();
        Calendar.IsWorkingDay(new LocalDate(2031, 4, 15)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(2008, 3, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2038, 4, 25)]
    public void Easter_Sunday_falls_on_the_published_date(int year, int month, int day) =>
        BankHolidayRules.EasterSunday(year).ShouldBe(new LocalDate(year, month, day));

    [Fact]
    public void Weekends_are_not_working_days()
    {
        Calendar.IsWorkingDay(new LocalDate(2025, 6, 7)).ShouldBeFalse();
        Calendar.IsWorkingDay(new LocalDate(2025, 6, 8)).ShouldBeFalse();
        Calendar.IsWorkingDay(new LocalDate(2025, 6, 9)).ShouldBeTrue();
    }

    [Fact]
    public void A_non_working_day_moves_to_the_next_or_previous_working_day()
    {
        Calendar.OnOrAfter(new LocalDate(2027, 12, 25)).ShouldBe(new LocalDate(2027, 12, 29));
        Calendar.OnOrBefore(new LocalDate(2027, 12, 25)).ShouldBe(new LocalDate(2027, 12, 24));
        Calendar.OnOrAfter(new LocalDate(2025, 6, 9)).ShouldBe(new LocalDate(2025, 6, 9));
    }

    [Fact]
    public void Adding_working_days_skips_weekends_and_holidays_in_either_direction()
    {
        // Friday 18 April 2025 is Good Friday and Monday 21 April Easter Monday.
        Calendar.AddWorkingDays(new LocalDate(2025, 4, 17), 1).ShouldBe(new LocalDate(2025, 4, 22));
        Calendar.AddWorkingDays(new LocalDate(2025, 4, 22), -1).ShouldBe(new LocalDate(2025, 4, 17));
        Calendar.AddWorkingDays(new LocalDate(2025, 4, 22), 0).ShouldBe(new LocalDate(2025, 4, 22));
    }

    [Fact]
    public void Working_days_between_count_the_days_after_the_start_up_to_and_including_the_end()
    {
        // Wednesday 1 January 2025 (New Year's Day) to Wednesday 8 January: Thu, Fri, Mon, Tue, Wed.
        Calendar.WorkingDaysBetween(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 8)).ShouldBe(5);
        Calendar.WorkingDaysBetween(new LocalDate(2025, 1, 8), new LocalDate(2025, 1, 8)).ShouldBe(0);
    }

    [Fact]
    public void A_calendar_line_that_is_not_a_date_is_refused_naming_the_line()
    {
        using var reader = new StringReader("# years: 2018-2018\ndate,name\n2018-01-01,New Year's Day\n2018-13-01,Nonsense\n");

        var thrown = Should.Throw<FormatException>(() => WorkingDays.Parse(reader));
        thrown.Message.ShouldContain("line 4");
        thrown.Message.ShouldContain("2018-13-01");
    }

    private static List<LocalDate> ListedHolidays()
    {
        using var stream = typeof(WorkingDays).Assembly.GetManifestResourceStream("Reeve.Kernel.BankHolidays.csv")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#') && !line.StartsWith("date,"))
            .Select(line => DateText.Iso.Parse(line.Split(',')[0]).Value)
            .ToList();
    }
}
