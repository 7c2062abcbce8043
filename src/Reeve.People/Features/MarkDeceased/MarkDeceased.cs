using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.People;

/// <summary>
/// Marks a living person of the council as deceased from the date of death, in the caller's transaction (the death
/// of a liable person is recorded with what follows from it for each debt stream, all or nothing).
/// </summary>
public static class MarkDeceased
{
    /// <returns>False when the party is not a living person of this council, and nothing is changed.</returns>
    public static async Task<bool> MarkAsync(DbConnection connection, DbTransaction tx, CouncilId council, long partyId, LocalDate dateOfDeath) =>
        await connection.ExecuteAsync(
            "update party set deceased_on = @date, version = version + 1 where council_id = @council and party_id = @partyId and kind = 'person' and deceased_on is null",
            new { date = dateOfDeath, council = council.Value, partyId }, tx) == 1;
}
