using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Officers;

/// <summary>An officer as a list shows them: who, and in what role.</summary>
public sealed record OfficerListing(string Username, string DisplayName, Role Role);

/// <summary>The officers who work for a council, by name, for lists to choose an officer from (reassigning work).</summary>
public static class OfficerDirectory
{
    public static async Task<IReadOnlyList<OfficerListing>> OfCouncilAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        (await connection.QueryAsync<(string Username, string DisplayName, string Role)>(
            "select o.username, o.display_name, o.role from officer o " +
            "where exists (select 1 from officer_council c where c.officer_id = o.officer_id and c.council_id = @council) " +
            "order by o.display_name, o.username",
            new { council = council.Value }, tx))
        .Select(r => new OfficerListing(r.Username, r.DisplayName, Roles.Parse(r.Role))).ToList();
}
