using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// What a Billing Officer records about a dwelling: moves in and out, owners, band changes and awards. Each
/// change is checked with the dwelling's other facts, then every affected bill is worked out again. All in one
/// transaction: a refused change leaves nothing behind.
/// </summary>
public static class RecordLiabilityFacts
{
    public sealed record Award(
        string Kind, long? PartyId, string? Code, int? Percent, LocalDate? Since, LocalDate From, LocalDate? To, string Evidence, LocalDate? ReviewOn, Money? Amount = null);

    public static Task<Outcome<RebillDwelling.Result>> MoveInAsync(
        ReeveDatabase db, CouncilId council, long uprn, long partyId, LocalDate from, Interest interest, long? partnerOf, string officer, Instant now) =>
        ChangeAsync(db, council, uprn, from, $"Moved in on {DateText.LongForm.Format(from)}", officer, now, async (c, tx) =>
        {
            var id = await IdAllocator.ReserveAsync(c, tx, council, "residence", 1);
            await c.ExecuteAsync(
                "insert into residence (council_id, residence_id, uprn, party_id, resident_from, interest, partner_of, recorded_at, recorded_by) values (@council, @id, @uprn, @partyId, @from, @interest, @partnerOf, @now, @officer)",
                new { council = council.Value, id, uprn, partyId, from, interest = interest.Code(), partnerOf, now, officer }, tx);
        });

    /// <summary>Records the last day a person lived at the dwelling (liability ends at the end of that day).</summary>
    public static Task<Outcome<RebillDwelling.Result>> MoveOutAsync(
        ReeveDatabase db, CouncilId council, long uprn, long partyId, LocalDate lastDay, string officer, Instant now) =>
        ChangeAsync(db, council, uprn, lastDay, $"Moved out on {DateText.LongForm.Format(lastDay)}", officer, now, async (c, tx) =>
        {
            var changed = await c.ExecuteAsync(
                "update residence set resident_to = @lastDay where council_id = @council and uprn = @uprn and party_id = @partyId and resident_to is null",
                new { council = council.Value, uprn, partyId, lastDay }, tx);
            return changed == 0 ? ("partyId", $"Party {partyId} is not recorded as living at this dwelling now") : null;
        });

    public static Task<Outcome<RebillDwelling.Result>> OwnerFromAsync(
        ReeveDatabase db, CouncilId council, long uprn, long partyId, LocalDate from, string officer, Instant now) =>
        ChangeAsync(db, council, uprn, from, $"Owner recorded from {DateText.LongForm.Format(from)}", officer, now, async (c, tx) =>
        {
            var id = await IdAllocator.ReserveAsync(c, tx, council, "ownership", 1);
            await c.ExecuteAsync(
                "insert into ownership (council_id, ownership_id, uprn, party_id, owned_from, recorded_at, recorded_by) values (@council, @id, @uprn, @partyId, @from, @now, @officer)",
                new { council = council.Value, id, uprn, partyId, from, now, officer }, tx);
        });

    /// <summary>Records the last day a party owned the dwelling (a sale, or the end of a lease that made them owner under s6(5)).</summary>
    public static Task<Outcome<RebillDwelling.Result>> OwnerUntilAsync(
        ReeveDatabase db, CouncilId council, long uprn, long partyId, LocalDate lastDay, string officer, Instant now) =>
        ChangeAsync(db, council, uprn, lastDay, $"Owner until {DateText.LongForm.Format(lastDay)}", officer, now, async (c, tx) =>
        {
            var from = await c.ExecuteScalarAsync<LocalDate?>(
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

            await c.ExecuteAsync(
                "update ownership set owned_to = @lastDay where council_id = @council and uprn = @uprn and party_id = @partyId and owned_to is null",
                new { council = council.Value, uprn, partyId, lastDay }, tx);
            return null;
        });

    /// <summary>
    /// Ends an award on its last day (the person stopped studying, the dwelling was let, the reduction was
    /// reassessed). An award already ending on or before that day is refused: ending it later would extend it,
    /// which is a new award with its own evidence.
    /// </summary>
    public static Task<Outcome<RebillDwelling.Result>> EndAwardAsync(
        ReeveDatabase db, CouncilId council, long uprn, long awardId, LocalDate lastDay, string reason, string officer, Instant now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Task.FromResult<Outcome<RebillDwelling.Result>>(new Outcome<RebillDwelling.Result>.Invalid("reason", "Say why the award ends"));
        }

        return ChangeAsync(db, council, uprn, lastDay.PlusDays(1), $"Award ended on {DateText.LongForm.Format(lastDay)}: {reason.Trim()}", officer, now, async (c, tx) =>
        {
            var found = (await c.QueryAsync<(LocalDate From, LocalDate? To)>(
                "select award_from, award_to from ctax_award where council_id = @council and uprn = @uprn and award_id = @awardId",
                new { council = council.Value, uprn, awardId }, tx)).ToList();
            if (found.Count == 0)
            {
                return ("awardId", $"There is no award {awardId} on this dwelling");
            }

            var award = found[0];
            var from = award.From;
            if (lastDay < from)
            {
                return ("to", $"The award starts on {DateText.LongForm.Format(from)}; its last day cannot be before that");
            }

            if (award.To is { } ends && ends <= lastDay)
            {
                return ("to", $"The award already ends on {DateText.LongForm.Format(ends)}");
            }

            await c.ExecuteAsync(
                "update ctax_award set award_to = @lastDay, evidence = evidence || @note where council_id = @council and uprn = @uprn and award_id = @awardId",
                new { council = council.Value, uprn, awardId, lastDay, note = $" | Ended {DateText.Iso.Format(lastDay)} by {officer}: {reason.Trim()}" }, tx);
            return null;
        });
    }

    /// <summary>A band change from the listing officer's schedule, effective from a date, possibly in a past year.</summary>
    public static Task<Outcome<RebillDwelling.Result>> BandChangeAsync(
        ReeveDatabase db, CouncilId council, long uprn, LocalDate effectiveFrom, string band, string reason, string? scheduleReference, string officer, Instant now)
    {
        if (!BandRatios.TryParse(band, out _))
        {
            return Task.FromResult<Outcome<RebillDwelling.Result>>(new Outcome<RebillDwelling.Result>.Invalid("band", "A council tax band in England is A to H"));
        }

        return ChangeAsync(db, council, uprn, effectiveFrom, $"Band {band} from {DateText.LongForm.Format(effectiveFrom)}: {reason}", officer, now,
            (c, tx) => RecordBandChangeAsync(c, tx, council, uprn, effectiveFrom, band, reason, scheduleReference, officer, now));
    }

    /// <summary>
    /// Writes a band change row inside the caller's transaction and does not re-bill: a band schedule import
    /// records every line of a file first, then re-bills each dwelling once, and commits all or nothing.
    /// The caller has checked the band and that the dwelling is on the list.
    /// </summary>
    internal static async Task RecordBandChangeAsync(
        DbConnection c, DbTransaction tx, CouncilId council, long uprn, LocalDate effectiveFrom, string band, string reason, string? scheduleReference, string officer, Instant now)
    {
        await c.ExecuteAsync(
            "insert into band_change (council_id, uprn, effective_from, band, reason, schedule_reference, recorded_at, recorded_by) values (@council, @uprn, @from, @band, @reason, @scheduleReference, @now, @officer) " +
            "on conflict (council_id, uprn, effective_from) do update set band = @band, reason = @reason, schedule_reference = @scheduleReference",
            new { council = council.Value, uprn, from = effectiveFrom, band, reason, scheduleReference, now, officer }, tx);
    }

    /// <summary>A disregard, exemption, owner-liable class, disabled band reduction, premium or reduction.</summary>
    public static Task<Outcome<RebillDwelling.Result>> AwardAsync(
        ReeveDatabase db, CouncilId council, long uprn, Award award, string officer, Instant now)
    {
        if (string.IsNullOrWhiteSpace(award.Evidence))
        {
            return Task.FromResult<Outcome<RebillDwelling.Result>>(new Outcome<RebillDwelling.Result>.Invalid("evidence", "Record the evidence the award rests on"));
        }

        return ChangeAsync(db, council, uprn, award.From, $"{award.Kind} {award.Code} from {DateText.LongForm.Format(award.From)}", officer, now, async (c, tx) =>
        {
            var id = await IdAllocator.ReserveAsync(c, tx, council, "ctax_award", 1);
            await c.ExecuteAsync(
                "insert into ctax_award (council_id, award_id, uprn, kind, party_id, code, percent, since, award_from, award_to, evidence, review_on, recorded_at, recorded_by, amount_pence) " +
                "values (@council, @id, @uprn, @kind, @partyId, @code, @percent, @since, @from, @to, @evidence, @review, @now, @officer, @amount)",
                new
                {
                    council = council.Value, id, uprn, kind = award.Kind, partyId = award.PartyId, code = award.Code, percent = award.Percent,
                    since = award.Since, from = award.From,
                    to = award.To, evidence = award.Evidence,
                    review = award.ReviewOn, now, officer, amount = award.Amount?.Pence,
                }, tx);
        });
    }

    private static Task<Outcome<RebillDwelling.Result>> ChangeAsync(
        ReeveDatabase db, CouncilId council, long uprn, LocalDate effective, string reason, string officer, Instant now, Func<DbConnection, DbTransaction, Task> write) =>
        ChangeAsync(db, council, uprn, effective, reason, officer, now, async (c, tx) =>
        {
            await write(c, tx);
            return ((string, string)?)null;
        });

    private static async Task<Outcome<RebillDwelling.Result>> ChangeAsync(
        ReeveDatabase db, CouncilId council, long uprn, LocalDate effective, string reason, string officer, Instant now,
        Func<DbConnection, DbTransaction, Task<(string Field, string Message)?>> write)
    {
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        if (await connection.ExecuteScalarAsync<long?>("select uprn from property where council_id = @council and uprn = @uprn", new { council = council.Value, uprn }, tx) is null)
        {
            return new Outcome<RebillDwelling.Result>.NotFound($"dwelling with UPRN {uprn}");
        }

        if (await write(connection, tx) is { } refused)
        {
            return new Outcome<RebillDwelling.Result>.Invalid(refused.Field, refused.Message);
        }

        var outcome = await RebillDwelling.RebillAsync(connection, tx, council, uprn, IssueDate(now, effective), reason, officer, now, FinancialYear.Containing(effective));
        if (outcome is Outcome<RebillDwelling.Result>.Done)
        {
            await tx.CommitAsync();
        }

        return outcome;
    }

    // A bill is issued on the day the change is recorded, or on the effective date when that is later (a change recorded in advance).
    private static LocalDate IssueDate(Instant now, LocalDate effective)
    {
        var recorded = now.InZone(UkTime.Zone).Date;
        return recorded > effective ? recorded : effective;
    }
}
