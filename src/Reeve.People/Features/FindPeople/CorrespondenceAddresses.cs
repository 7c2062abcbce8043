using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.People;

/// <summary>Where letters to a person go: their newest correspondence address still in use, if they have one.</summary>
public static class CorrespondenceAddresses
{
    /// <returns>The address's sequence number, or null when letters go to the dwelling itself.</returns>
    public static Task<int?> NewestOpenAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null) =>
        connection.ExecuteScalarAsync<int?>(
            "select address_seq from party_address where council_id = @council and party_id = @partyId and valid_to is null order by valid_from desc, address_seq desc limit 1",
            new { council = council.Value, partyId }, tx);
}
