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
    IReadOnlyList<CouncilId> Councils,
    int FailedSignIns,
    Instant? LockedUntil);

/// <summary>Lockout policy: after five wrong passwords in a row the account is locked for fifteen minutes.</summary>
public static class Lockout
{
    public const int MaxFailedSignIns = 5;
    public static readonly Duration LockFor = Duration.FromMinutes(15);

    public static bool IsLocked(OfficerAccount officer, Instant now) => officer.LockedUntil is { } until && until > now;
}
