#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.BusinessRates.Domain;
using Reeve.Kernel;

namespace Reeve.BusinessRates;

/// <summary>
/// A hereditament as an officer sees it: its list entry, its rateable value history in each list, who occupied it
/// when, and for each occupation in the year of the as-at day the rates worked day by day with the law for each step.
/// Reads only; the caller adds names and account references through their owners' queries.
/// </summary>
public static class HereditamentView
{
    public sealed record Details(
        long HereditamentId, string BaReference, long Uarn, string DescriptionCode, string DescriptionText, string Address,
        string? Postcode, long? Uprn);

    public sealed record OccupationLine(long OccupationId, long AccountId, long PartyId, LocalDate From, LocalDate? To, bool Charity, bool SmallBusiness, bool RetailHospitalityLeisure);

    public sealed record View(Details Hereditament, IReadOnlyList<RateableValuePeriod> Values, IReadOnlyList<OccupationLine> Occupations, FinancialYear Year, IReadOnlyDictionary<long, BillWorking> Working);

    public static async Task<View?> LoadAsync(DbConnection connection, CouncilId council, long hereditamentId, LocalDate asAt, RatesFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var details = await connection.QuerySingleOrDefaultAsync<DetailsRow>(
            "select hereditament_id, ba_reference, uarn, description_code, description_text, address, postcode, uprn from hereditament where council_id = @council and hereditament_id = @hereditamentId",
            new { council = council.Value, hereditamentId });
        if (details is null)
        {
            return null;
        }

        var values = await HereditamentValues.OfAsync(connection, council, hereditamentId);
        var occupations = (await connection.QueryAsync<OccupationRow>(
                $"select {OccupationRow.Columns} from rates_occupation " +
                "where council_id = @council and hereditament_id = @hereditamentId order by occupied_from",
                new { council = council.Value, hereditamentId }))
            .Select(o => new OccupationLine(o.occupation_id, o.account_id, o.party_id, o.occupied_from, o.occupied_to, o.charity, o.small_business, o.retail_hospitality_leisure))
            .ToList();
        var year = FinancialYear.Containing(asAt);
        var working = new Dictionary<long, BillWorking>();
        if (year.FirstDay >= figures.FirstDay)
        {
            foreach (var o in occupations.Where(o => o.From <= year.LastDay && (o.To is null || o.To >= year.FirstDay)))
            {
                working[o.OccupationId] = RatesBill.Work(year, new OccupationFacts(o.From, o.To, o.Charity, o.SmallBusiness, o.RetailHospitalityLeisure, values), figures);
            }
        }

        return new View(
            new Details(details.hereditament_id, details.ba_reference, details.uarn, details.description_code, details.description_text, details.address, details.postcode, details.uprn),
            values, occupations, year, working);
    }

    private sealed class DetailsRow
    {
        public long hereditament_id { get; set; }
        public string ba_reference { get; set; } = "";
        public long uarn { get; set; }
        public string description_code { get; set; } = "";
        public string description_text { get; set; } = "";
        public string address { get; set; } = "";
        public string? postcode { get; set; }
        public long? uprn { get; set; }
    }
}
