using NodaTime.Text;

namespace Reeve.Kernel;

/// <summary>The one way Reeve reads and writes dates as text: ISO "YYYY-MM-DD", strictly.</summary>
public static class DateText
{
    public static LocalDatePattern Iso { get; } = LocalDatePattern.Iso;

    /// <summary>As officers and letters show a date: "1 April 2025".</summary>
    public static LocalDatePattern LongForm { get; } = LocalDatePattern.CreateWithInvariantCulture("d MMMM uuuu");

    /// <summary>Compact, for tables: "01 Apr 2025".</summary>
    public static LocalDatePattern ShortForm { get; } = LocalDatePattern.CreateWithInvariantCulture("dd MMM uuuu");
}
