using NodaTime;
using Reeve.Kernel;

namespace Reeve.Work;

/// <summary>
/// The clock a piece of work runs on: working days (an FOI request's 20 working days, a Bacs report's deadline) or
/// calendar days (a subject access request's one month, a Breathing Space's 60 days). Stored as its code.
/// </summary>
public enum WorkClock
{
    WorkingDays = 1,
    CalendarDays = 2,
}

public static class WorkClocks
{
    public static string Code(this WorkClock clock) => clock switch
    {
        WorkClock.WorkingDays => "working-days",
        WorkClock.CalendarDays => "calendar",
    };

    public static WorkClock FromCode(string code) => code switch
    {
        "working-days" => WorkClock.WorkingDays,
        "calendar" => WorkClock.CalendarDays,
        _ => throw new InvalidOperationException($"'{code}' is not a work clock"),
    };

    /// <summary>
    /// Days left before the deadline on the item's own clock: positive while there is time, 0 on the day itself,
    /// negative once it has passed (the count of days overdue). On the working-day clock a weekend or bank holiday
    /// between today and the deadline is not counted, so a Friday item due on the Tuesday after a bank holiday Monday
    /// has 1 working day left.
    /// </summary>
    public static int DaysLeft(this WorkClock clock, LocalDate deadline, LocalDate today, WorkingDays calendar) => clock switch
    {
        WorkClock.CalendarDays => Period.Between(today, deadline, PeriodUnits.Days).Days,
        // Past a deadline that fell on a working day, a weekend still leaves the item overdue: at least one day.
        WorkClock.WorkingDays => deadline >= today
            ? calendar.WorkingDaysBetween(today, deadline)
            : -Math.Max(1, calendar.WorkingDaysBetween(deadline, today)),
    };

    /// <summary>"3 working days left", "Due today", "2 days overdue", as the queue shows it.</summary>
    public static string Describe(this WorkClock clock, int daysLeft)
    {
        var unit = clock == WorkClock.WorkingDays ? "working day" : "day";
        var count = Math.Abs(daysLeft);
        var noun = count == 1 ? unit : unit + "s";
        return daysLeft switch
        {
            0 => "Due today",
            > 0 => $"{count} {noun} left",
            < 0 => $"{count} {noun} overdue",
        };
    }

    /// <summary>
    /// The deadline that many days on from a date on this clock: on working days the count starts the next working day,
    /// as the FOI Act s10(1) counts "the twentieth working day following the date of receipt".
    /// </summary>
    public static LocalDate DeadlineFrom(this WorkClock clock, LocalDate start, int days, WorkingDays calendar) => clock switch
    {
        WorkClock.WorkingDays => calendar.AddWorkingDays(start, days),
        WorkClock.CalendarDays => start.PlusDays(days),
    };

    /// <summary>The working day that many working days after the day (in the UK) of <paramref name="now"/>: a deadline a
    /// module sets for its own work ("answer within five working days").</summary>
    public static LocalDate WorkingDaysAfter(Instant now, int days) =>
        WorkingDays.EnglandAndWales.AddWorkingDays(now.InZone(UkTime.Zone).Date, days);
}
