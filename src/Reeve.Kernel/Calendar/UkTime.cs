using NodaTime;

namespace Reeve.Kernel;

/// <summary>Business dates are UK dates: "today" is today in Europe/London, whatever the server's zone.</summary>
public static class UkTime
{
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static LocalDate Today(IClock clock) => clock.GetCurrentInstant().InZone(Zone).Date;

    public static string Describe(Instant instant) =>
        instant.InZone(Zone).ToString("d MMM uuuu HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
