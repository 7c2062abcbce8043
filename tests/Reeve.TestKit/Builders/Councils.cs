using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.TestKit;

/// <summary>A second council, for tests that one council never sees another's records.</summary>
public static class Councils
{
    /// <summary>Not the council <see cref="DatabaseTest"/> seeds.</summary>
    public static CouncilId Other { get; } = new(2);

    public static async Task<CouncilId> SeedOtherAsync(ReeveDatabase db, Instant createdAt)
    {
        await Seed.CouncilAsync(db, Other, "other", createdAt);
        return Other;
    }
}
