using FsCheck;

namespace Reeve.TestKit;

/// <summary>
/// Runs an FsCheck property from an xunit fact (FsCheck.Xunit does not restore here). A failure throws
/// with the shrunk counter-example and the seed that replays it.
/// </summary>
public static class PropertyCheck
{
    public static void Holds(Property property, int tests = 300) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(tests), property);
}
