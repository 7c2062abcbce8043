using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// A person moved into a dwelling, with their interest in it (LGFA 1992 s6: residents are liable in the order of
/// their interest) and, for a spouse or civil partner, who they live with (s9: joint liability). The dwelling's
/// bills are worked out again from the day they moved in, in the caller's transaction.
/// </summary>
public static class RecordMoveIn
{
    public static Task<Outcome<RebillDwelling.Result>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, long partyId, LocalDate from, Interest interest, long? partnerOf,
        string officer, Instant now) =>
        DwellingChange.ApplyAsync(connection, tx, council, uprn, from, $"Moved in on {DateText.LongForm.Format(from)}", officer, now,
            () => WriteAsync(connection, tx, council, uprn, partyId, from, interest, partnerOf, officer, now));

    /// <summary>Writes the residence and does not re-bill: the caller re-bills once after all its changes.</summary>
    internal static async Task WriteAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, long partyId, LocalDate from, Interest interest, long? partnerOf,
        string officer, Instant now)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "residence", 1);
        await connection.ExecuteAsync(
            "insert into residence (council_id, residence_id, uprn, party_id, resident_from, interest, partner_of, recorded_at, recorded_by) values (@council, @id, @uprn, @partyId, @from, @interest, @partnerOf, @now, @officer)",
            new { council = council.Value, id, uprn, partyId, from, interest = interest.Code(), partnerOf, now, officer }, tx);
    }
}
