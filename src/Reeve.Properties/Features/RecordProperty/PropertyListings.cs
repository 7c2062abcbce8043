#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Properties;

/// <summary>How a property stands on the list: domestic or not, its valuation band, and the charging area it is in.</summary>
public sealed record PropertyListing(long Uprn, PropertyKind Kind, char? Band, string? AreaCode);

/// <summary>
/// The list as Council Tax reads it: one property, many by UPRN, or the domestic properties a page at a time in UPRN
/// order (the annual billing run reads them so). The charging area is set by Council Tax (a band schedule line or the
/// demo council) but kept on the property, so it is read and written here.
/// </summary>
public static class PropertyListings
{
    private const string Select = "select uprn, kind, band, area_code from property";

    public static async Task<PropertyListing?> OfAsync(DbConnection connection, CouncilId council, long uprn, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Select + " where council_id = @council and uprn = @uprn", new { council = council.Value, uprn }, tx))?.ToListing();

    /// <summary>The listings of these UPRNs; a UPRN not on the list is left out.</summary>
    public static async Task<IReadOnlyDictionary<long, PropertyListing>> ForAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> uprns, DbTransaction? tx = null)
    {
        var found = new Dictionary<long, PropertyListing>();
        var anyOf = SqlDialect.Of(connection).AnyOf("chunk");
        // Chunks keep SQLite's expanded list well under its parameter limit.
        foreach (var chunk in uprns.Distinct().Chunk(1_000))
        {
            foreach (var row in await connection.QueryAsync<Row>(Select + $" where council_id = @council and uprn {anyOf}", new { council = council.Value, chunk }, tx))
            {
                found[row.uprn] = row.ToListing();
            }
        }

        return found;
    }

    /// <summary>Up to <paramref name="size"/> domestic properties with a UPRN above <paramref name="after"/>, in UPRN order.</summary>
    public static async Task<IReadOnlyList<PropertyListing>> DomesticAfterAsync(
        DbConnection connection, CouncilId council, long after, int size, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(
            Select + " where council_id = @council and kind = 'domestic' and uprn > @after order by uprn limit @size", new { council = council.Value, after, size }, tx))
        .Select(r => r.ToListing()).ToList();

    public static Task<int> CountDomesticAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        connection.ExecuteScalarAsync<int>("select count(*) from property where council_id = @council and kind = 'domestic'", new { council = council.Value }, tx);

    /// <summary>The UPRNs of the properties in a charging area, in order.</summary>
    public static async Task<IReadOnlyList<long>> InAreaAsync(DbConnection connection, CouncilId council, string areaCode, DbTransaction? tx = null) =>
        (await connection.QueryAsync<long>(
            "select uprn from property where council_id = @council and area_code = @areaCode order by uprn", new { council = council.Value, areaCode }, tx)).ToList();

    public static Task SetAreaAsync(DbConnection connection, DbTransaction tx, CouncilId council, long uprn, string? areaCode) =>
        connection.ExecuteAsync(
            "update property set area_code = @areaCode where council_id = @council and uprn = @uprn", new { council = council.Value, uprn, areaCode }, tx);

    private sealed class Row
    {
        public long uprn { get; set; }
        public string kind { get; set; } = "";
        public string? band { get; set; }
        public string? area_code { get; set; }

        public PropertyListing ToListing() =>
            new(uprn, kind == "domestic" ? PropertyKind.Domestic : PropertyKind.NonDomestic, string.IsNullOrEmpty(band) ? null : band[0], area_code);
    }
}
