using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// A party became the owner of a dwelling from a date (the owner is liable where nobody is resident, LGFA 1992
/// s6(2)(f), and for the classes of dwelling where the owner is liable). Re-bills in the caller's transaction.
/// </summary>
public static class RecordOwner
{
    public static Task<Outcome<RebillDwelling.Result>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, long partyId, LocalDate from, string officer, Instant now) =>
        DwellingChange.ApplyAsync(connection, tx, council, uprn, from, $"Owner recorded from {DateText.LongForm.Format(from)}", officer, now, async () =>
        {
            var id = await IdAllocator.ReserveAsync(connection, tx, council, "ownership", 1);
            await connection.ExecuteAsync(
                "insert into ownership (council_id, ownership_id, uprn, party_id, owned_from, recorded_at, recorded_by) values (@council, @id, @uprn, @partyId, @from, @now, @officer)",
                new { council = council.Value, id, uprn, partyId, from, now, officer }, tx);
        });
}
