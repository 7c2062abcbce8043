using NodaTime;

namespace Reeve.Kernel;

/// <summary>
/// The regular England and Wales bank holidays by rule, for years the listed calendar does not cover.
/// Banking and Financial Dealings Act 1971 Sch 1 with the royal proclamations that fix the May and
/// August Mondays; New Year's Day, Christmas Day and Boxing Day move to the next weekday when they
/// fall at a weekend. One-off holidays (jubilees, state funerals) cannot be predicted and come only from data.
/// </summary>
public static class BankHolidayRules
{
    public static IEnumerable<LocalDate> ForYear(int year)
    {
        var newYear = new LocalDate(year, 1, 1);
        yield return NextWeekday(newYear);

        var easter = EasterSunday(year);
        yield return easter.PlusDays(-2);
        yield return easter.PlusDays(1);

        yield return FirstMonday(year, 5);
        yield return LastMonday(year, 5);
        yield return LastMonday(year, 8);

        var christmas = new LocalDate(year, 12, 25);
        var boxing = new LocalDate(year, 12, 26);
        var christmasObserved = NextWeekday(christmas);
        var boxingObserved = NextWeekday(boxing);
        if (boxingObserved <= christmasObserved)
        {
            boxingObserved = NextWeekday(christmasObserved.PlusDays(1));
        }

        yield return christmasObserved;
        yield return boxingObserved;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static LocalDate EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }

    private static LocalDate NextWeekday(LocalDate date)
    {
        while (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            date = date.PlusDays(1);
        }

        return date;
    }

    private static LocalDate FirstMonday(int year, int month)
    {
        var d = new LocalDate(year, month, 1);
        while (d.DayOfWeek != IsoDayOfWeek.Monday)
        {
            d = d.PlusDays(1);
        }

        return d;
    }

    private static LocalDate LastMonday(int year, int month)
    {
        var d = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        while (d.DayOfWeek != IsoDayOfWeek.Monday)
        {
            d = d.PlusDays(-1);
        }

        return d;
    }
}
