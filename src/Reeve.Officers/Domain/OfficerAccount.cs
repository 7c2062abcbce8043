using NodaTime;
using Reeve.Kernel;

namespace Reeve.Officers;

/// <summary>A member of staff who signs in to Reeve.</summary>
public sealed record OfficerAccount(
    int OfficerId,
    string Username,
    string DisplayName,
    Role Role,
    CouncilId HomeCouncil,
    IReadOnlyList<CouncilId> Councils);

/// <summary>
/// Lockout policy: five wrong passwords in a row for one officer from one address shut that address out of that
/// officer's account for fifteen minutes. Other addresses are not shut out, so a stranger who knows a username cannot
/// keep the officer out; the web app's per-address rate limit is what slows guessing from many usernames.
/// </summary>
public static class Lockout
{
    public const int MaxFailedSignIns = 5;
    public static readonly Duration LockFor = Duration.FromMinutes(15);
}

/// <summary>An address shut out of an officer's account by wrong passwords, until <see cref="LockedUntil"/>.</summary>
public sealed record SignInLock(string Username, string DisplayName, string RemoteAddress, Instant LockedUntil);
