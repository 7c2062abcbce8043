#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>One precepting authority's share of an area's Band D charge for a year, with last year's for comparison.</summary>
public sealed record Precept(string Preceptor, string Kind, Money BandD, Money? PreviousBandD);

/// <summary>
/// The Band D charge for each charging area and year is the sum of the precepts on it (LGFA 1992 ss30-36):
/// the billing authority's own (with the adult social care precept shown apart), the county, police and fire
/// authorities, and the parish. The demand notice must show each (Council Tax (Demand Notices) (England) Regs 2011).
/// </summary>
public static class ChargeSetting
{
    public static async Task SetAsync(DbConnection connection, DbTransaction tx, CouncilId council, string areaCode, string areaName, FinancialYear year, IReadOnlyList<Precept> precepts)
    {
        await connection.ExecuteAsync(
            "insert into charge_area (council_id, area_code, name) values (@council, @areaCode, @areaName) on conflict (council_id, area_code) do update set name = @areaName",
            new { council = council.Value, areaCode, areaName }, tx);
        await connection.ExecuteAsync(
            "delete from precept where council_id = @council and area_code = @areaCode and financial_year = @year",
            new { council = council.Value, areaCode, year = year.StartYear }, tx);
        foreach (var p in precepts)
        {
            await connection.ExecuteAsync(
                "insert into precept (council_id, area_code, financial_year, preceptor, kind, band_d_pence, previous_band_d_pence) values (@council, @areaCode, @year, @preceptor, @kind, @bandD, @previous)",
                new { council = council.Value, areaCode, year = year.StartYear, preceptor = p.Preceptor, kind = p.Kind, bandD = p.BandD.Pence, previous = p.PreviousBandD?.Pence }, tx);
        }
    }

    public static async Task<IReadOnlyList<Precept>> PreceptsAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string areaCode, FinancialYear year) =>
        (await connection.QueryAsync<Row>(
            "select preceptor, kind, band_d_pence, previous_band_d_pence from precept where council_id = @council and area_code = @areaCode and financial_year = @year order by band_d_pence desc",
            new { council = council.Value, areaCode, year = year.StartYear }, tx))
        .Select(r => new Precept(r.preceptor, r.kind, Money.FromPence(r.band_d_pence), r.previous_band_d_pence is { } p ? Money.FromPence(p) : null))
        .ToList();

    /// <summary>Every area's Band D charge for a year, for billing many dwellings at once.</summary>
    public static async Task<IReadOnlyDictionary<string, Money>> BandDByAreaAsync(DbConnection connection, DbTransaction? tx, CouncilId council, FinancialYear year) =>
        (await connection.QueryAsync<(string Area, long Pence)>(
            "select area_code, sum(band_d_pence) from precept where council_id = @council and financial_year = @year group by area_code",
            new { council = council.Value, year = year.StartYear }, tx))
        .ToDictionary(r => r.Area, r => Money.FromPence(r.Pence), StringComparer.Ordinal);

    private sealed class Row
    {
        public string preceptor { get; set; } = "";
        public string kind { get; set; } = "";
        public long band_d_pence { get; set; }
        public long? previous_band_d_pence { get; set; }
    }
}
