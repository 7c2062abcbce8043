using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Reeve.Kernel;

/// <summary>The one way Reeve reads and writes dates as text: ISO "YYYY-MM-DD", strictly.</summary>
public static class DateText
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    public static LocalDatePattern Iso { get; } = LocalDatePattern.Iso;

    /// <summary>As officers and letters show a date: "1 April 2025".</summary>
    public static LocalDatePattern LongForm { get; } = LocalDatePattern.CreateWithInvariantCulture("d MMMM uuuu");

    /// <summary>Compact, for tables: "01 Apr 2025".</summary>
    public static LocalDatePattern ShortForm { get; } = LocalDatePattern.CreateWithInvariantCulture("dd MMM uuuu");

    /// <summary>
    /// The same text as <see cref="Iso"/> for the dates Reeve deals in (years 1 to 9999), written directly:
    /// annual billing writes several dates into the working of every bill, and the pattern engine is the
    /// larger part of that cost.
    /// </summary>
    public static string FormatIso(LocalDate date) =>
        string.Create(10, date, static (span, d) =>
        {
            d.Year.TryFormat(span[..4], out _, "D4", CultureInfo.InvariantCulture);
            span[4] = '-';
            d.Month.TryFormat(span[5..7], out _, "D2", CultureInfo.InvariantCulture);
            span[7] = '-';
            d.Day.TryFormat(span[8..], out _, "D2", CultureInfo.InvariantCulture);
        });

    /// <summary>The same text as <see cref="LongForm"/> ("1 April 2025"), written directly for the same reason.</summary>
    public static string FormatLong(LocalDate date) =>
        string.Concat(date.Day.ToString(CultureInfo.InvariantCulture), " ", MonthNames[date.Month - 1], " ", date.Year.ToString("D4", CultureInfo.InvariantCulture));
}
