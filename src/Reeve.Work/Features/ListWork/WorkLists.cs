using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Work;

/// <summary>A page of the queue, with how many items match, how many are overdue, and the counts per kind.</summary>
public sealed record WorkPage(
    IReadOnlyList<WorkItem> Items,
    int Total,
    int Overdue,
    IReadOnlyList<WorkKindCount> Kinds,
    int PageNumber,
    int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>How many open items of a kind, and how many of them are past their deadline.</summary>
public sealed record WorkKindCount(string Kind, int Open, int Overdue);

/// <summary>Who has how much open work, and how much of it is overdue; a null officer is the unassigned items.</summary>
public sealed record OfficerLoad(string? Officer, int Open, int Overdue);

/// <summary>
/// The queue as the pages read it. "My work" is everything open assigned to the officer and the open, unassigned items
/// of the officer's teams (of every team when the officer is in none), in deadline order. The team view is every open
/// item of the council, optionally one officer's (or the unassigned), with each officer's load.
/// </summary>
public static class WorkLists
{
    public const int PageSize = 25;

    /// <summary>Stands for "nobody" in the team view's officer filter.</summary>
    public const string Unassigned = "-";

    public static async Task<WorkPage> MyWorkAsync(
        DbConnection connection, CouncilId council, string officer, string? kind, int pageNumber, LocalDate today)
    {
        DapperSetup.Ensure();
        var teams = await TeamsOfAsync(connection, council, officer);
        var teamTest = teams.Count == 0 ? "" : " and team " + SqlLists.AnyOf(connection, "teams");
        var where = "council_id = @council and state = 'open' and " +
                    $"(assigned_to = @officer or (assigned_to is null{teamTest}))";
        return await PageAsync(connection, where, new { council = council.Value, officer, teams = teams.ToArray() }, kind, pageNumber, today);
    }

    public static async Task<WorkPage> TeamAsync(
        DbConnection connection, CouncilId council, string? officer, string? kind, int pageNumber, LocalDate today)
    {
        DapperSetup.Ensure();
        var where = "council_id = @council and state = 'open'" + officer switch
        {
            null or "" => "",
            Unassigned => " and assigned_to is null",
            _ => " and assigned_to = @officer",
        };
        return await PageAsync(connection, where, new { council = council.Value, officer }, kind, pageNumber, today);
    }

    /// <summary>Open and overdue items per officer, the unassigned first, then by officer.</summary>
    public static async Task<IReadOnlyList<OfficerLoad>> LoadsAsync(DbConnection connection, CouncilId council, LocalDate today)
    {
        DapperSetup.Ensure();
        var rows = await connection.QueryAsync<(string? Officer, long Open, long Overdue)>(
            "select assigned_to, count(*), sum(case when deadline < @today then 1 else 0 end) from work_item " +
            "where council_id = @council and state = 'open' group by assigned_to",
            new { council = council.Value, today });
        return rows.Select(r => new OfficerLoad(r.Officer, (int)r.Open, (int)r.Overdue))
            .OrderBy(r => r.Officer is not null).ThenBy(r => r.Officer, StringComparer.Ordinal).ToList();
    }

    public static async Task<WorkItem?> GetAsync(DbConnection connection, CouncilId council, long workItemId, DbTransaction? tx = null)
    {
        DapperSetup.Ensure();
        var row = await connection.QuerySingleOrDefaultAsync<WorkItemRow>(
            $"select {WorkItemRow.Columns} from work_item where council_id = @council and work_item_id = @workItemId",
            new { council = council.Value, workItemId }, tx);
        return row?.ToItem();
    }

    /// <summary>The item a source raised for one of its things, open or closed, or null.</summary>
    public static async Task<WorkItem?> BySourceAsync(DbConnection connection, CouncilId council, string source, string key, DbTransaction? tx = null)
    {
        DapperSetup.Ensure();
        var row = await connection.QuerySingleOrDefaultAsync<WorkItemRow>(
            $"select {WorkItemRow.Columns} from work_item where council_id = @council and source = @source and source_key = @key",
            new { council = council.Value, source, key }, tx);
        return row?.ToItem();
    }

    /// <summary>The teams an officer works in (none: every team's unassigned work is theirs to take).</summary>
    public static async Task<IReadOnlyList<string>> TeamsOfAsync(DbConnection connection, CouncilId council, string officer, DbTransaction? tx = null) =>
        (await connection.QueryAsync<string>(
            "select team from work_team_member where council_id = @council and officer = @officer order by team",
            new { council = council.Value, officer }, tx)).ToList();

    /// <summary>Every officer's teams in the council, by officer.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> TeamMembersAsync(DbConnection connection, CouncilId council) =>
        (await connection.QueryAsync<(string Officer, string Team)>(
            "select officer, team from work_team_member where council_id = @council order by officer, team", new { council = council.Value }))
        .GroupBy(m => m.Officer, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(m => m.Team).ToList(), StringComparer.Ordinal);

    /// <summary>The teams an officer can be put in: Reeve's own, and any a module has raised work for or an officer is in.</summary>
    public static async Task<IReadOnlyList<string>> KnownTeamsAsync(DbConnection connection, CouncilId council) =>
        (await connection.QueryAsync<string>(
            "select distinct team from work_item where council_id = @council union select distinct team from work_team_member where council_id = @council",
            new { council = council.Value }))
        .Concat([WorkTeams.Payments, WorkTeams.Recovery, WorkTeams.CouncilTax, WorkTeams.Casework])
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static async Task<WorkPage> PageAsync(DbConnection connection, string where, object args, string? kind, int pageNumber, LocalDate today)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("today", today);
        var counts = (await connection.QueryAsync<(string Kind, long Open, long Overdue)>(
                $"select kind, count(*), sum(case when deadline < @today then 1 else 0 end) from work_item where {where} group by kind",
                parameters))
            .Select(r => new WorkKindCount(r.Kind, (int)r.Open, (int)r.Overdue))
            .OrderBy(k => k.Kind, StringComparer.Ordinal).ToList();
        var chosen = string.IsNullOrEmpty(kind) ? counts : counts.Where(k => k.Kind == kind).ToList();
        var total = chosen.Sum(k => k.Open);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(pageNumber, 1, pageCount);
        parameters.Add("kind", kind);
        parameters.Add("skip", (page - 1) * PageSize);
        parameters.Add("take", PageSize);
        var rows = total == 0
            ? []
            : await connection.QueryAsync<WorkItemRow>(
                $"select {WorkItemRow.Columns} from work_item where {where}" + (string.IsNullOrEmpty(kind) ? "" : " and kind = @kind") +
                " order by deadline, work_item_id limit @take offset @skip",
                parameters);
        return new WorkPage(rows.Select(r => r.ToItem()).ToList(), total, chosen.Sum(k => k.Overdue), counts, page, PageSize);
    }
}
