#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Properties;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// What the officer pages show about a dwelling's council tax, as recorded: the band history with reasons, who
/// lived there and owned it, the awards with their evidence and review dates, and the charging area.
/// Reads only; the charge itself is worked by <see cref="RebillDwelling"/>.
/// </summary>
public static class CouncilTaxReader
{
    /// <summary>The listed band holds from 1 April 1993 until the first change (see <see cref="DwellingFactsStore"/>).</summary>
    public static readonly LocalDate ListedFrom = new(1993, 4, 1);

    public sealed record BandEntry(LocalDate EffectiveFrom, string Band, string Reason, string? ScheduleReference, string? RecordedBy);

    public sealed record ResidenceEntry(long PartyId, LocalDate From, LocalDate? To, Interest Interest, long? PartnerOf, string RecordedBy);

    public sealed record OwnerEntry(long PartyId, LocalDate From, LocalDate? To, string RecordedBy);

    public sealed record AwardEntry(
        long AwardId, string Kind, long? PartyId, string? Code, int? Percent, LocalDate? Since, LocalDate From, LocalDate? To,
        string Evidence, LocalDate? ReviewOn, string RecordedBy);

    public sealed record ChargeArea(string Code, string Name);

    /// <summary>The band on the list when the property was added, then each recorded change, oldest first.</summary>
    public static async Task<IReadOnlyList<BandEntry>> BandHistoryAsync(DbConnection connection, CouncilId council, long uprn)
    {
        var args = new { council = council.Value, uprn };
        if ((await PropertyListings.OfAsync(connection, council, uprn))?.Band is not { } band)
        {
            return [];
        }

        var listed = band.ToString();

        var changes = await connection.QueryAsync<BandRow>(
            "select effective_from, band, reason, schedule_reference, recorded_by from band_change where council_id = @council and uprn = @uprn", args);
        return changes.Select(c => new BandEntry(c.effective_from, c.band, c.reason, c.schedule_reference, c.recorded_by))
            .Prepend(new BandEntry(ListedFrom, listed, "Band on the valuation list", null, null))
            .OrderBy(b => b.EffectiveFrom)
            .ToList();
    }

    public static async Task<IReadOnlyList<ResidenceEntry>> ResidencesAsync(DbConnection connection, CouncilId council, long uprn) =>
        (await connection.QueryAsync<ResidenceRow>(
            "select party_id, resident_from, resident_to, interest, partner_of, recorded_by from residence where council_id = @council and uprn = @uprn order by resident_from, residence_id",
            new { council = council.Value, uprn }))
        .Select(r => new ResidenceEntry(r.party_id, r.resident_from, r.resident_to, Interests.FromCode(r.interest), r.partner_of, r.recorded_by))
        .ToList();

    public static async Task<IReadOnlyList<OwnerEntry>> OwnersAsync(DbConnection connection, CouncilId council, long uprn) =>
        (await connection.QueryAsync<OwnerRow>(
            "select party_id, owned_from, owned_to, recorded_by from ownership where council_id = @council and uprn = @uprn order by owned_from, ownership_id",
            new { council = council.Value, uprn }))
        .Select(o => new OwnerEntry(o.party_id, o.owned_from, o.owned_to, o.recorded_by))
        .ToList();

    public static async Task<IReadOnlyList<AwardEntry>> AwardsAsync(DbConnection connection, CouncilId council, long uprn) =>
        (await connection.QueryAsync<AwardRow>(
            "select award_id, kind, party_id, code, percent, since, award_from, award_to, evidence, review_on, recorded_by from ctax_award " +
            "where council_id = @council and uprn = @uprn order by award_from, award_id",
            new { council = council.Value, uprn }))
        .Select(a => new AwardEntry(a.award_id, a.kind, a.party_id, a.code, a.percent, a.since, a.award_from,
            a.award_to, a.evidence, a.review_on, a.recorded_by))
        .ToList();

    /// <summary>The charging area the dwelling is in, if one is set.</summary>
    public static async Task<ChargeArea?> AreaAsync(DbConnection connection, CouncilId council, long uprn)
    {
        if ((await PropertyListings.OfAsync(connection, council, uprn))?.AreaCode is not { } code)
        {
            return null;
        }

        var name = await connection.ExecuteScalarAsync<string?>(
            "select name from charge_area where council_id = @council and area_code = @code", new { council = council.Value, code });
        return new ChargeArea(code, name ?? code);
    }


    private sealed class BandRow
    {
        public LocalDate effective_from { get; set; }
        public string band { get; set; } = "";
        public string reason { get; set; } = "";
        public string? schedule_reference { get; set; }
        public string? recorded_by { get; set; }
    }

    private sealed class ResidenceRow
    {
        public long party_id { get; set; }
        public LocalDate resident_from { get; set; }
        public LocalDate? resident_to { get; set; }
        public string interest { get; set; } = "";
        public long? partner_of { get; set; }
        public string recorded_by { get; set; } = "";
    }

    private sealed class OwnerRow
    {
        public long party_id { get; set; }
        public LocalDate owned_from { get; set; }
        public LocalDate? owned_to { get; set; }
        public string recorded_by { get; set; } = "";
    }

    private sealed class AwardRow
    {
        public long award_id { get; set; }
        public string kind { get; set; } = "";
        public long? party_id { get; set; }
        public string? code { get; set; }
        public int? percent { get; set; }
        public LocalDate? since { get; set; }
        public LocalDate award_from { get; set; }
        public LocalDate? award_to { get; set; }
        public string evidence { get; set; } = "";
        public LocalDate? review_on { get; set; }
        public string recorded_by { get; set; } = "";
    }
}
