using NodaTime;
using Reeve.Kernel;

namespace Reeve.Work.Tests;

public sealed class WorkClockTests
{
    private static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales;

    [Fact]
    public void Working_days_left_skip_the_weekend_and_a_bank_holiday()
    {
        // Friday 23 May 2025 to Tuesday 27 May: the weekend and the spring bank holiday (Monday 26 May) do not count.
        WorkClock.WorkingDays.DaysLeft(new LocalDate(2025, 5, 27), new LocalDate(2025, 5, 23), Calendar).ShouldBe(1);
        WorkClock.CalendarDays.DaysLeft(new LocalDate(2025, 5, 27), new LocalDate(2025, 5, 23), Calendar).ShouldBe(4);
    }

    [Fact]
    public void Working_days_overdue_skip_a_bank_holiday()
    {
        // Due Friday 23 May 2025; on Wednesday 28 May it is two working days late (Tuesday and Wednesday), five calendar days.
        WorkClock.WorkingDays.DaysLeft(new LocalDate(2025, 5, 23), new LocalDate(2025, 5, 28), Calendar).ShouldBe(-2);
        WorkClock.CalendarDays.DaysLeft(new LocalDate(2025, 5, 23), new LocalDate(2025, 5, 28), Calendar).ShouldBe(-5);
    }

    [Fact]
    public void An_item_due_on_a_friday_is_overdue_over_the_weekend()
    {
        WorkClock.WorkingDays.DaysLeft(new LocalDate(2025, 5, 30), new LocalDate(2025, 5, 31), Calendar).ShouldBe(-1);
    }

    [Fact]
    public void The_deadline_is_due_today_on_the_day()
    {
        WorkClock.WorkingDays.DaysLeft(new LocalDate(2025, 5, 27), new LocalDate(2025, 5, 27), Calendar).ShouldBe(0);
    }

    [Theory]
    [InlineData(WorkClock.WorkingDays, 3, "3 working days left")]
    [InlineData(WorkClock.WorkingDays, 1, "1 working day left")]
    [InlineData(WorkClock.CalendarDays, 0, "Due today")]
    [InlineData(WorkClock.CalendarDays, -2, "2 days overdue")]
    [InlineData(WorkClock.WorkingDays, -1, "1 working day overdue")]
    public void Days_left_read_as_officers_say_them(WorkClock clock, int daysLeft, string expected) =>
        clock.Describe(daysLeft).ShouldBe(expected);

    [Fact]
    public void Twenty_working_days_from_receipt_step_over_christmas()
    {
        // FOI Act 2000 s10(1): the twentieth working day following receipt. From Monday 15 December 2025 the count skips
        // weekends, Christmas Day and Boxing Day (25, 26 December) and New Year's Day: Thursday 15 January 2026.
        WorkClock.WorkingDays.DeadlineFrom(new LocalDate(2025, 12, 15), 20, Calendar).ShouldBe(new LocalDate(2026, 1, 15));
    }
}
