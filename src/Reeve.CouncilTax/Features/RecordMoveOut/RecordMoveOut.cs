using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>
/// A person moved out: the last day they lived at the dwelling, liability ending at the end of that day (LGFA 1992
/// s2(2)). Refused when they are not recorded as living there now. Re-bills in the caller's transaction.
/// </summary>
public static class RecordMoveOut
{
    public static Task<Outcome<RebillDwelling.Result>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, long partyId, LocalDate lastDay, string officer, Instant now) =>
        DwellingChange.ApplyAsync(connection, tx, council, uprn, lastDay, $"Moved out on {DateText.LongForm.Format(lastDay)}", officer, now, async () =>
            await WriteAsync(connection, tx, council, uprn, partyId, lastDay)
                ? null
                : ("partyId", $"Party {partyId} is not recorded as living at this dwelling now"));

    /// <summary>Ends the residence and does not re-bill; false when the party does not live there now.</summary>
    internal static async Task<bool> WriteAsync(DbConnection connection, DbTransaction tx, CouncilId council, long uprn, long partyId, LocalDate lastDay) =>
        await connection.ExecuteAsync(
            "update residence set resident_to = @lastDay where council_id = @council and uprn = @uprn and party_id = @partyId and resident_to is null",
            new { council = council.Value, uprn, partyId, lastDay }, tx) > 0;
}
