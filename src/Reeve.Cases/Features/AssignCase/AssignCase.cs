using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;

namespace Reeve.Cases.Features.AssignCase;

/// <summary>Gives a case to an officer of the council (or takes it back to nobody's list).</summary>
public static class AssignCase
{
    public static Task<Outcome<CaseWithClock>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long caseId, string? assignTo, LocalDate today, string officer, Instant now) =>
        RunAsync(connection, tx, council, caseId, string.IsNullOrWhiteSpace(assignTo) ? null : assignTo.Trim(), today, officer, now);

    private static async Task<Outcome<CaseWithClock>> RunAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long caseId, string? assignTo, LocalDate today, string officer, Instant now)
    {
        if (assignTo is not null && await RefuseOfficerAsync(connection, tx, council, assignTo) is { } refused)
        {
            return new Outcome<CaseWithClock>.Invalid("assignTo", refused);
        }

        return await CaseWork.ChangeAsync(connection, tx, council, caseId, officer, now, current =>
            current.Case.AssignedTo == assignTo
                ? new Outcome<CaseStep>.Invalid("assignTo", assignTo is null ? "The case is not assigned" : $"The case is already assigned to {assignTo}")
                : new CaseStep(current.Case with { AssignedTo = assignTo }, "assigned", today, null, assignTo is null ? "Unassigned" : $"Assigned to {assignTo}"));
    }

    /// <summary>Why a case cannot go to this username (no such officer, or not one of this council's), or null.</summary>
    public static async Task<string?> RefuseOfficerAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string username)
    {
        if (username.Length > 100)
        {
            return "An officer's username is 100 characters or fewer";
        }

        var account = await OfficerStore.GetAsync(connection, username, tx);
        return account is null ? $"There is no officer with the username {username}"
            : !account.Councils.Contains(council) ? $"{username} does not work for this council"
            : null;
    }
}
