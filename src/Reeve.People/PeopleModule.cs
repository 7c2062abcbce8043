using Reeve.Kernel;

namespace Reeve.People;

/// <summary>People's start-up registrations, for the composition roots (Web, CLI) to call once.</summary>
public static class PeopleModule
{
    /// <summary>Registers People's daily duties with <see cref="DailyDuties"/>: Breathing Space ends and broken arrangements.</summary>
    public static void Register()
    {
        DailyDuties.Register(new BreathingSpaceEnds());
        DailyDuties.Register(new BrokenArrangementWork());
    }
}
