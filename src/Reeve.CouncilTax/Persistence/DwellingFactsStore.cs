#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Properties;

namespace Reeve.CouncilTax;

/// <summary>Reads everything recorded about a dwelling's liability into <see cref="DwellingFacts"/>.</summary>
public static class DwellingFactsStore
{
    public static async Task<DwellingFacts?> LoadAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long uprn)
    {
        var args = new { council = council.Value, uprn };
        if ((await PropertyListings.OfAsync(connection, council, uprn, tx))?.Band is not { } band)
        {
            return null;
        }

        var changes = (await connection.QueryAsync<BandRow>(
            "select effective_from, band from band_change where council_id = @council and uprn = @uprn", args, tx)).ToList();
        var residents = await connection.QueryAsync<ResidenceRow>(
            "select residence_id, party_id, resident_from, resident_to, interest, partner_of from residence where council_id = @council and uprn = @uprn order by resident_from, residence_id", args, tx);
        var owners = await connection.QueryAsync<OwnershipRow>(
            "select party_id, owned_from, owned_to from ownership where council_id = @council and uprn = @uprn order by owned_from", args, tx);
        var awards = (await connection.QueryAsync<AwardRow>(
            "select kind, party_id, code, percent, since, award_from, award_to, amount_pence from ctax_award where council_id = @council and uprn = @uprn order by award_from, award_id", args, tx)).ToList();
        return Build(uprn, band.ToString(), changes, residents, owners, awards);
    }

    internal static DwellingFacts Build(
        long uprn, string listedBand, IEnumerable<BandRow> changes, IEnumerable<ResidenceRow> residents, IEnumerable<OwnershipRow> owners, IReadOnlyList<AwardRow> awards)
    {
        // The band on the list when the property was added holds from the start of council tax (1 April 1993)
        // until the first recorded change.
        var bands = new List<BandChange> { new(new NodaTime.LocalDate(1993, 4, 1), ParseBand(listedBand)) };
        foreach (var c in changes.OrderBy(c => c.effective_from))
        {
            var from = c.effective_from;
            bands.RemoveAll(b => b.EffectiveFrom == from);
            bands.Add(new BandChange(from, ParseBand(c.band)));
        }

        return new DwellingFacts(
            uprn,
            bands,
            residents.Select(r => new Residence(r.party_id, r.resident_from, r.resident_to, Interests.FromCode(r.interest), r.partner_of)).ToList(),
            awards.Where(a => a.kind == "disregard").Select(a => new Disregard(a.party_id ?? 0, a.code ?? "", From(a), To(a))).ToList(),
            owners.Select(o => new Ownership(o.party_id, o.owned_from, o.owned_to)).ToList(),
            awards.Where(a => a.kind == "exemption").Select(a => new ExemptionAward(a.code ?? "", From(a), To(a))).ToList(),
            awards.Where(a => a.kind == "owner-liable").Select(a => new OwnerLiablePeriod(a.code ?? "", From(a), To(a))).ToList(),
            awards.Where(a => a.kind == "disabled-reduction").Select(a => new DisabledReductionAward(From(a), To(a))).ToList(),
            awards.Where(a => a.kind is "long-term-empty" or "second-home").Select(a => new PremiumAward(
                a.kind == "second-home" ? new SecondHome(a.percent ?? 100) : new LongTermEmpty(a.since ?? From(a)), From(a), To(a))).ToList(),
            awards.Where(a => a.kind == "reduction").Select(a => new ReductionAward(a.party_id ?? 0, a.percent ?? 0, From(a), To(a), a.amount_pence is { } pence ? Money.FromPence(pence) : null)).ToList(),
            awards.Where(a => a.kind == "local-discount").Select(a => new LocalDiscountAward(a.code ?? "", From(a), To(a))).ToList());
    }

    private static Band ParseBand(string text) =>
        BandRatios.TryParse(text, out var band) ? band : throw new InvalidOperationException($"Stored band '{text}' is not A to H");

    private static NodaTime.LocalDate From(AwardRow a) => a.award_from;

    private static NodaTime.LocalDate? To(AwardRow a) => a.award_to;


    internal sealed class BandRow
    {
        public LocalDate effective_from { get; set; }
        public string band { get; set; } = "";
    }

    internal sealed class ResidenceRow
    {
        public long residence_id { get; set; }
        public long party_id { get; set; }
        public LocalDate resident_from { get; set; }
        public LocalDate? resident_to { get; set; }
        public string interest { get; set; } = "";
        public long? partner_of { get; set; }
    }

    internal sealed class OwnershipRow
    {
        public long party_id { get; set; }
        public LocalDate owned_from { get; set; }
        public LocalDate? owned_to { get; set; }
    }

    internal sealed class AwardRow
    {
        public string kind { get; set; } = "";
        public long? party_id { get; set; }
        public string? code { get; set; }
        public int? percent { get; set; }
        public LocalDate? since { get; set; }
        public LocalDate award_from { get; set; }
        public LocalDate? award_to { get; set; }
        public long? amount_pence { get; set; }
    }
}

public static class Interests
{
    public static string Code(this Interest interest) => interest switch
    {
        Interest.Freeholder => "freeholder",
        Interest.Leaseholder => "leaseholder",
        Interest.Tenant => "tenant",
        Interest.Licensee => "licensee",
        Interest.OtherResident => "other",
    };

    public static Interest FromCode(string code) => code switch
    {
        "freeholder" => Interest.Freeholder,
        "leaseholder" => Interest.Leaseholder,
        "tenant" => Interest.Tenant,
        "licensee" => Interest.Licensee,
        "other" => Interest.OtherResident,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown interest"),
    };
}
