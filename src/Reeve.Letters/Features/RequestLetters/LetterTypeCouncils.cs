using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Letters;

/// <summary>The councils on this installation that have asked for letters of a type, for a command run without --council.</summary>
public static class LetterTypeCouncils
{
    public static async Task<IReadOnlyList<CouncilId>> HoldingAsync(DbConnection connection, LetterType type) =>
        (await connection.QueryAsync<int>("select distinct council_id from letter_request where letter_type = @type order by 1", new { type = type.Code() }))
        .Select(id => new CouncilId(id)).ToList();
}
