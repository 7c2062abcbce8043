using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>
/// The last day a party owned a dwelling: a sale, or the end of a lease that made them owner under LGFA 1992 s6(5).
/// Refused when they do not own it now or the day is before they became owner. Re-bills in the caller's transaction.
/// </summary>
public static class EndOwnership
{
    public static Task<Outcome<RebillDwelling.Result>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, long partyId, LocalDate lastDay, string officer, Instant now) =>
        DwellingChange.ApplyAsync(connection, tx, council, uprn, lastDay, $"Owner until {DateText.LongForm.Format(lastDay)}", officer, now, async () =>
        {
            var from = await connection.ExecuteScalarAsync<LocalDate?>(
                "select owned_from from ownership where council_id = @council and uprn = @uprn and party_id = @partyId and owned_to is null",
                new { council = council.Value, uprn, partyId }, tx);
            if (from is null)
            {
                return ("partyId", $"Party {partyId} is not recorded as owning this dwelling now");
            }

            if (lastDay < from)
            {
                return ("to", $"They became the owner on {DateText.LongForm.Format(from.Value)}; the last day cannot be before that");
            }

            await connection.ExecuteAsync(
                "update ownership set owned_to = @lastDay where council_id = @council and uprn = @uprn and party_id = @partyId and owned_to is null",
                new { council = council.Value, uprn, partyId, lastDay }, tx);
            return ((string, string)?)null;
        });
}
