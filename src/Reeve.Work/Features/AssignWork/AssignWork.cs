using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Work;

/// <summary>
/// Taking an item (an officer assigns an open, unassigned item to themself) and reassigning many at once (a Team
/// Leader or Manager moves items to another officer, or back to the team). Both run in the caller's transaction; the
/// page writes the audit line in the same one.
/// </summary>
public static class AssignWork
{
    public static async Task<Outcome<WorkItem>> TakeAsync(DbConnection connection, DbTransaction tx, CouncilId council, long workItemId, string officer)
    {
        DapperSetup.Ensure();
        var item = await WorkLists.GetAsync(connection, council, workItemId, tx);
        if (item is null)
        {
            return new Outcome<WorkItem>.NotFound($"work item {workItemId}");
        }

        if (item.State == WorkState.Closed)
        {
            return new Outcome<WorkItem>.Conflict("This item has been closed: there is nothing left to do on it");
        }

        if (item.AssignedTo == officer)
        {
            return item;
        }

        // Only an unassigned item may be taken, and only if nobody took it a moment before (the update re-checks).
        var taken = await connection.ExecuteAsync(
            "update work_item set assigned_to = @officer " +
            "where council_id = @council and work_item_id = @workItemId and state = 'open' and assigned_to is null",
            new { council = council.Value, workItemId, officer }, tx);
        return taken == 1
            ? item with { AssignedTo = officer }
            : new Outcome<WorkItem>.Conflict($"{item.AssignedTo ?? "Another officer"} already has this item; ask a Team Leader to move it");
    }

    /// <summary>
    /// Moves open items to <paramref name="toOfficer"/> (null: back to the team, unassigned). Closed items and ids of
    /// another council are left alone; answers the items moved, as they were before.
    /// </summary>
    public static async Task<IReadOnlyList<WorkItem>> ReassignAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyCollection<long> workItemIds, string? toOfficer)
    {
        DapperSetup.Ensure();
        var before = await SqlLists.QueryByIdsAsync<WorkItemRow, long>(
            connection,
            $"select {WorkItemRow.Columns} from work_item where council_id = @council and state = 'open' and work_item_id {{ids}}",
            council, workItemIds, tx);
        var moving = before.Where(r => r.AssignedTo != toOfficer).Select(r => r.ToItem()).OrderBy(i => i.WorkItemId).ToList();
        foreach (var chunk in SqlLists.Chunks(moving.Select(i => i.WorkItemId)))
        {
            await connection.ExecuteAsync(
                $"update work_item set assigned_to = @toOfficer where council_id = @council and work_item_id {SqlLists.AnyOf(connection, "ids")}",
                new { council = council.Value, toOfficer, ids = chunk }, tx);
        }

        return moving;
    }

    /// <summary>Puts an officer in a team, so its unassigned work shows in their "My work" (idempotent).</summary>
    public static async Task JoinTeamAsync(DbConnection connection, DbTransaction tx, CouncilId council, string officer, string team) =>
        await connection.ExecuteAsync(
            "insert into work_team_member (council_id, officer, team) values (@council, @officer, @team) on conflict do nothing",
            new { council = council.Value, officer, team }, tx);

    /// <summary>
    /// Sets the teams an officer works in to exactly <paramref name="teams"/>, answering the teams joined and left (both
    /// empty when nothing changed). An officer in no team sees every team's unassigned work.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Joined, IReadOnlyList<string> Left)> SetTeamsAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, string officer, IReadOnlyCollection<string> teams)
    {
        var now = await WorkLists.TeamsOfAsync(connection, council, officer, tx);
        var joined = teams.Except(now, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var left = now.Except(teams, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var team in joined)
        {
            await JoinTeamAsync(connection, tx, council, officer, team);
        }

        foreach (var team in left)
        {
            await connection.ExecuteAsync(
                "delete from work_team_member where council_id = @council and officer = @officer and team = @team",
                new { council = council.Value, officer, team }, tx);
        }

        return (joined, left);
    }
}
