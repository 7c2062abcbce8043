using NodaTime;
using Reeve.Kernel;

namespace Reeve.Cases.Domain;

/// <summary>Which days a clock counts as working days.</summary>
public enum ClockCalendar
{
    /// <summary>Not a weekend and not an England and Wales bank holiday: the council's own working days.</summary>
    EnglandAndWales,

    /// <summary>
    /// Not a weekend, Christmas Day, Good Friday, or a bank holiday "in any part of the United Kingdom" (FOIA 2000 s10(6);
    /// EIR 2004 reg 2(1) takes the same meaning): England and Wales's, and Scotland's and Northern Ireland's as well.
    /// </summary>
    AnyPartOfUk,
}

/// <summary>
/// The working-day calendars the case clocks use. England and Wales is Kernel's calendar. The rest of the United Kingdom
/// adds, by the Banking and Financial Dealings Act 1971 Sch 1 and the usual substitute days: in Scotland 2 January, the
/// first Monday in August and St Andrew's Day (30 November); in Northern Ireland St Patrick's Day (17 March) and the
/// Battle of the Boyne (12 July). Easter Monday and the late summer holiday are already England and Wales days; one-off
/// days proclaimed for the whole UK are in Kernel's listed calendar.
/// </summary>
public static class CaseCalendars
{
    public static bool IsWorkingDay(ClockCalendar calendar, LocalDate date) => calendar switch
    {
        ClockCalendar.EnglandAndWales => WorkingDays.EnglandAndWales.IsWorkingDay(date),
        ClockCalendar.AnyPartOfUk => WorkingDays.EnglandAndWales.IsWorkingDay(date) && !OtherUkBankHolidays(date.Year).Contains(date),
    };

    /// <summary>Scotland's and Northern Ireland's bank holidays in a year that England and Wales do not have.</summary>
    public static IReadOnlyList<LocalDate> OtherUkBankHolidays(int year)
    {
        var newYearObserved = NextWeekday(new LocalDate(year, 1, 1));
        var second = new LocalDate(year, 1, 2);
        var secondObserved = NextWeekday(newYearObserved >= second ? newYearObserved.PlusDays(1) : second);
        var august = new LocalDate(year, 8, 1);
        while (august.DayOfWeek != IsoDayOfWeek.Monday)
        {
            august = august.PlusDays(1);
        }

        return
        [
            secondObserved,
            NextWeekday(new LocalDate(year, 3, 17)),
            NextWeekday(new LocalDate(year, 7, 12)),
            august,
            NextWeekday(new LocalDate(year, 11, 30)),
        ];
    }

    private static LocalDate NextWeekday(LocalDate date)
    {
        while (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            date = date.PlusDays(1);
        }

        return date;
    }
}
