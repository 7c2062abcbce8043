using System.Globalization;
using NodaTime;

namespace Reeve.Payments.Domain.Bacs;

/// <summary>
/// Every Bacs date is "bYYDDD": a space, the two-digit year and the three-digit day of the year (formats.md 1.1).
/// " 25064" is 5 March 2025.
/// </summary>
public static class BacsDate
{
    public static string Format(LocalDate date) =>
        " " + (date.Year % 100).ToString("00", CultureInfo.InvariantCulture) + date.DayOfYear.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>Reads "bYYDDD"; two-digit years are 2000 to 2099.</summary>
    public static bool TryParse(string text, out LocalDate date)
    {
        date = default;
        if (text.Length != 6 || text[0] != ' ' || !text.AsSpan(1).ToString().All(char.IsAsciiDigit))
        {
            return false;
        }

        var year = 2000 + int.Parse(text.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(text.AsSpan(3, 3), CultureInfo.InvariantCulture);
        if (day < 1 || day > (DateTime.IsLeapYear(year) ? 366 : 365))
        {
            return false;
        }

        date = new LocalDate(year, 1, 1).PlusDays(day - 1);
        return true;
    }
}
