using System.Collections.Immutable;
using System.Data.Common;
using NodaTime;

namespace Reeve.Kernel;

/// <summary>
/// A check a module makes once every working day for each council (a Breathing Space whose last day has passed, an
/// award whose review date has come), run by the scheduled jobs without the jobs knowing the module. The module
/// registers it at start-up in <see cref="DailyDuties"/>, as a debt stream is registered; the daily duties job runs every
/// registered duty and records what each did. A duty is idempotent: run twice the same day, the second run does nothing.
/// </summary>
public interface IDailyDuty
{
    /// <summary>The duty as officers read it in the run history, e.g. "Breathing Space ends".</summary>
    string Name { get; }

    /// <summary>Does the day's work for one council in its own transactions and says what it did, or null when there was nothing to do.</summary>
    Task<string?> RunAsync(DbConnection connection, DutyDay day, CancellationToken ct);
}

/// <param name="Council">The council the duty runs for.</param>
/// <param name="Today">The business date the run is for (today in the UK).</param>
/// <param name="Now">The run's instant, for what it records.</param>
/// <param name="Actor">Who the changes are recorded as made by: the scheduler, or the officer who asked for the run.</param>
public sealed record DutyDay(CouncilId Council, LocalDate Today, Instant Now, string Actor);

/// <summary>
/// The daily duties this process knows, in the order they were registered. Registering the same duty again is
/// harmless (test hosts and the demo council register as well as the app); a different duty under a name already taken
/// is a wiring mistake and is refused.
/// </summary>
public static class DailyDuties
{
    private static ImmutableList<IDailyDuty> _duties = [];

    public static void Register(IDailyDuty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        ImmutableInterlocked.Update(ref _duties, duties =>
            duties.FirstOrDefault(d => string.Equals(d.Name, duty.Name, StringComparison.Ordinal)) is not { } existing ? duties.Add(duty)
            : existing.GetType() == duty.GetType() ? duties
            : throw new InvalidOperationException($"The daily duty '{duty.Name}' is already {existing.GetType().Name}; {duty.GetType().Name} cannot be registered under that name too"));
    }

    public static IReadOnlyList<IDailyDuty> All => _duties;
}
