using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>
/// A band change from the listing officer's schedule, effective from a date, possibly in a past year (LGFA 1992
/// s22 and the valuation list alteration it records). Re-bills in the caller's transaction.
/// </summary>
public static class RecordBandChange
{
    public static Task<Outcome<RebillDwelling.Result>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, LocalDate effectiveFrom, string band, string reason, string? scheduleReference,
        string officer, Instant now)
    {
        if (!BandRatios.TryParse(band, out _))
        {
            return DwellingChange.Refused("band", "A council tax band in England is A to H");
        }

        return DwellingChange.ApplyAsync(connection, tx, council, uprn, effectiveFrom, $"Band {band} from {DateText.LongForm.Format(effectiveFrom)}: {reason}", officer, now,
            () => WriteAsync(connection, tx, council, uprn, effectiveFrom, band, reason, scheduleReference, officer, now));
    }

    /// <summary>
    /// Writes a band change row inside the caller's transaction and does not re-bill: a band schedule import
    /// records every line of a file first, then re-bills each dwelling once, and commits all or nothing.
    /// The caller has checked the band and that the dwelling is on the list.
    /// </summary>
    internal static async Task WriteAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, LocalDate effectiveFrom, string band, string reason, string? scheduleReference,
        string officer, Instant now)
    {
        await connection.ExecuteAsync(
            "insert into band_change (council_id, uprn, effective_from, band, reason, schedule_reference, recorded_at, recorded_by) values (@council, @uprn, @from, @band, @reason, @scheduleReference, @now, @officer) " +
            "on conflict (council_id, uprn, effective_from) do update set band = @band, reason = @reason, schedule_reference = @scheduleReference",
            new { council = council.Value, uprn, from = effectiveFrom, band, reason, scheduleReference, now, officer }, tx);
    }
}
