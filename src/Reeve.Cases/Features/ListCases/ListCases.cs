using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;

namespace Reeve.Cases.Features.ListCases;

/// <summary>The cases list: open ones first by deadline, filtered by kind, state and who has them; and a person's cases.</summary>
public static class ListCases
{
    /// <summary>Which cases: "open" (open or paused), "overdue" (open past the deadline), "closed" or "all".</summary>
    public sealed record Filter(CaseKind? Kind, string State, string? AssignedTo, bool Unassigned = false);

    public static readonly string[] States = ["open", "overdue", "closed", "all"];

    public static async Task<ResultPage<CaseFile>> PageAsync(DbConnection connection, CouncilId council, Filter filter, LocalDate today, int pageNumber, int pageSize)
    {
        var where = " where council_id = @council and (@kind is null or kind = @kind)" +
            (filter.State switch
            {
                "overdue" => " and state = 'open' and deadline < @today",
                "closed" => " and state = 'closed'",
                "all" => "",
                _ => " and state <> 'closed'",
            }) +
            (filter.Unassigned ? " and assigned_to is null" : " and (@assignedTo is null or assigned_to = @assignedTo)");
        var args = new { council = council.Value, kind = filter.Kind?.Code(), today, assignedTo = filter.AssignedTo, limit = pageSize, offset = (pageNumber - 1) * pageSize };
        var total = await connection.ExecuteScalarAsync<long>("select count(*) from case_record" + where, args);
        var rows = await CaseStore.QueryAsync(connection, where + " order by case when deadline is null then 1 else 0 end, deadline, case_id limit @limit offset @offset", args);
        return new ResultPage<CaseFile>(rows, (int)total, pageNumber, pageSize);
    }

    /// <summary>Every case a person asked or is the subject of, newest first.</summary>
    public static async Task<IReadOnlyList<CaseFile>> ForPartyAsync(DbConnection connection, CouncilId council, long partyId) =>
        await CaseStore.QueryAsync(connection, " where council_id = @council and (party_id = @partyId or requester_party_id = @partyId) order by case_id desc",
            new { council = council.Value, partyId });
}
