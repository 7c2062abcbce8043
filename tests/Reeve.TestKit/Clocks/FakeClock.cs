using NodaTime;

namespace Reeve.TestKit;

/// <summary>
/// A clock that stands still until a test moves it (NodaTime.Testing does not restore here). Tests pass the
/// instant they mean, so what "now" is stays visible in the test.
/// </summary>
public sealed class FakeClock(Instant now) : IClock
{
    private Instant _now = now;

    public static FakeClock AtUtc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(Instant.FromUtc(year, month, day, hour, minute));

    public Instant GetCurrentInstant() => _now;

    public void Advance(Duration by) => _now += by;

    public void SetTo(Instant instant) => _now = instant;
}
