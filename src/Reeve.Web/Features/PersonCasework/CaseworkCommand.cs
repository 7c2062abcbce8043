using System.Data.Common;
using System.Globalization;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Features.PersonCasework;

/// <summary>
/// Runs one change to a person's casework (income and expenditure, arrangement, vulnerability, Breathing Space) in one
/// transaction with its audit line, committed only when the change was done.
/// </summary>
public sealed class CaseworkCommand(ReeveDatabase db, IClock clock, OfficerAudit audit)
{
    public LocalDate Today => UkTime.Today(clock);

    public Instant Now => clock.GetCurrentInstant();

    public async Task<Outcome<T>> RunAsync<T>(
        HttpContext http, long partyId, string detail, Func<DbConnection, DbTransaction, CouncilId, string, Task<Outcome<T>>> change, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await change(connection, tx, http.User.CouncilId(), http.User.OfficerUsername());
        if (outcome is Outcome<T>.Done)
        {
            await audit.RecordAsync(http, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Person,
                partyId.ToString(CultureInfo.InvariantCulture), detail);
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
        }

        return outcome;
    }

    /// <summary>
    /// How far up the vulnerability audiences an officer sees: Officer 1, Team Leader 2, Manager and administrator 3.
    /// Auditors see that a flag exists but not its detail: health details are special category data (UK GDPR Art 9)
    /// and an audit of the casework does not need them.
    /// </summary>
    public static int VulnerabilityRank(System.Security.Claims.ClaimsPrincipal user) => user.OfficerRole() switch
    {
        Role.Officer => 1,
        Role.TeamLeader => 2,
        Role.Manager or Role.SystemAdministrator => 3,
        _ => 0,
    };

    /// <summary>Team Leaders and above may approve an arrangement above the council's policy for an officer.</summary>
    public static Approver ApproverFor(System.Security.Claims.ClaimsPrincipal user) =>
        new(user.OfficerUsername(), user.OfficerRole()?.Name() ?? "", user.OfficerRole() is Role.TeamLeader or Role.Manager or Role.SystemAdministrator);
}
