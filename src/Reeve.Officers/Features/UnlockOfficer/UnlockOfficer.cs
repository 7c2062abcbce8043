using System.Data.Common;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Officers;

/// <summary>
/// A Team Leader, Manager or System Administrator lifts the sign-in locks on an officer's account (every address that
/// five wrong passwords shut out), with an audit line saying who unlocked whom. Runs in the caller's transaction.
/// </summary>
public static class UnlockOfficer
{
    public const string AuditAction = "unlock";

    /// <summary>Answers how many addresses were shut out of the account and are now let in again.</summary>
    public static async Task<Outcome<int>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, string username, string officer, Role role, string? remoteAddress, Instant now)
    {
        if (!role.MayUnlockOfficers())
        {
            return new Outcome<int>.Conflict($"Only a Team Leader, Manager or System Administrator may unlock an officer; you are {role.WithArticle()}");
        }

        var target = await OfficerStore.GetAsync(connection, username ?? "", tx);
        if (target is null || !target.Councils.Contains(council))
        {
            return new Outcome<int>.NotFound($"officer {username} in this council");
        }

        var unlocked = await OfficerStore.UnlockAsync(connection, tx, target.OfficerId, now);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditAction, "officer", target.Username,
            $"Unlocked {target.DisplayName}'s sign-in ({unlocked} address{(unlocked == 1 ? "" : "es")} shut out by wrong passwords)", remoteAddress, now);
        return unlocked;
    }
}
