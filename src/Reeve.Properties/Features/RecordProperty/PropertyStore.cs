#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Properties;

/// <summary>Adding properties and reading them back, by UPRN or by any part of the address.</summary>
public static class PropertyStore
{
    public static async Task<Outcome<Property>> AddAsync(DbConnection connection, DbTransaction tx, NewProperty p, Instant now)
    {
        if (p.Problem() is { } problem)
        {
            var field = problem.Split(':')[0];
            return new Outcome<Property>.Invalid(field, problem[(field.Length + 2)..]);
        }

        var exists = await connection.ExecuteScalarAsync<long?>(
            "select uprn from property where council_id = @council and uprn = @uprn", new { council = p.Council.Value, uprn = p.Uprn }, tx);
        if (exists is not null)
        {
            return new Outcome<Property>.Conflict($"UPRN {p.Uprn} is already on the list");
        }

        var postcode = Postcodes.Normalise(p.Postcode);
        await connection.ExecuteAsync(
            "insert into property (council_id, uprn, address_line1, address_line2, address_line3, town, postcode, kind, band, search_key, version, created_at) " +
            "values (@council, @uprn, @l1, @l2, @l3, @town, @postcode, @kind, @band, @search, 1, @now)",
            new
            {
                council = p.Council.Value, uprn = p.Uprn, l1 = p.Line1, l2 = p.Line2, l3 = p.Line3, town = p.Town, postcode,
                kind = p.Kind == PropertyKind.Domestic ? "domestic" : "non-domestic", band = p.Band?.ToString(),
                search = p.SearchKey, now,
            },
            tx);
        return new Property(p.Council, p.Uprn, p.Line1, p.Line2, p.Line3, p.Town, postcode, p.Kind, p.Band, 1);
    }

    /// <summary>A property to add in bulk, with the charging area it is in (or none).</summary>
    public sealed record NewListedProperty(NewProperty Property, string? AreaCode);

    /// <summary>
    /// Adds many new properties in one bulk write (an opening load from an incumbent system): each is checked as
    /// <see cref="AddAsync"/> checks one, and the caller has made sure none is on the list already. Returns the first
    /// refused, by its index, as Invalid.
    /// </summary>
    public static async Task<Outcome<int>> AddManyAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<NewListedProperty> properties, Instant now, CancellationToken ct = default)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Property.Problem() is { } problem)
            {
                var field = problem.Split(':')[0];
                return new Outcome<int>.Invalid($"properties[{i}].{field}", problem[(field.Length + 2)..]);
            }
        }

        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "property", ListedShape, properties.Select(p => (p, now)).ToList(), ct);
        return properties.Count;
    }

    private static readonly BulkTable<(NewListedProperty Listed, Instant Now)> ListedShape = new BulkTable<(NewListedProperty Listed, Instant Now)>()
        .Int4("council_id", r => r.Listed.Property.Council.Value)
        .Int8("uprn", r => r.Listed.Property.Uprn)
        .Text("address_line1", r => r.Listed.Property.Line1)
        .Text("address_line2", r => r.Listed.Property.Line2)
        .Text("address_line3", r => r.Listed.Property.Line3)
        .Text("town", r => r.Listed.Property.Town)
        .Text("postcode", r => Postcodes.Normalise(r.Listed.Property.Postcode))
        .Text("kind", r => r.Listed.Property.Kind == PropertyKind.Domestic ? "domestic" : "non-domestic")
        .Text("band", r => r.Listed.Property.Band?.ToString())
        .Text("area_code", r => r.Listed.AreaCode)
        .Text("search_key", r => r.Listed.Property.SearchKey)
        .Int4("version", _ => 1)
        .Instant("created_at", r => r.Now);

    public static async Task<Property?> GetAsync(DbConnection connection, CouncilId council, long uprn, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(
            Row.Select + " where council_id = @council and uprn = @uprn", new { council = council.Value, uprn }, tx))?.ToProperty();

    /// <summary>The properties with these UPRNs, for modules that hold a UPRN and need its address or band.</summary>
    public static async Task<IReadOnlyDictionary<long, Property>> GetManyAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> uprns, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<Row, long>(connection, Row.Select + " where council_id = @council and uprn {ids}", council, uprns, tx))
        .ToDictionary(r => r.uprn, r => r.ToProperty());

    public static async Task<IReadOnlyList<Property>> SearchAsync(DbConnection connection, CouncilId council, string text, int limit = 50) =>
        (await SearchPageAsync(connection, council, text, 1, limit)).Items;

    /// <summary>Properties whose address, postcode or UPRN holds every word typed, a page at a time with the count of all.</summary>
    public static async Task<ResultPage<Property>> SearchPageAsync(DbConnection connection, CouncilId council, string text, int pageNumber, int pageSize)
    {
        var parameters = new DynamicParameters(new { council = council.Value, limit = pageSize, offset = ResultPage.Offset(pageNumber, pageSize) });
        if (WordSearch.Conditions(text, "search_key", 6, parameters) is not { } conditions)
        {
            return ResultPage.Empty<Property>(pageSize);
        }

        var where = " where council_id = @council and " + conditions;
        var total = await connection.ExecuteScalarAsync<long>("select count(*) from property" + where, parameters);
        var items = (await connection.QueryAsync<Row>(Row.Select + where + " order by postcode, address_line1, uprn limit @limit offset @offset", parameters))
            .Select(r => r.ToProperty()).ToList();
        return new ResultPage<Property>(items, (int)total, Math.Max(1, pageNumber), pageSize);
    }

    private sealed class Row
    {
        public const string Select =
            "select council_id, uprn, address_line1, address_line2, address_line3, town, postcode, kind, band, version from property";

        public int council_id { get; set; }
        public long uprn { get; set; }
        public string address_line1 { get; set; } = "";
        public string? address_line2 { get; set; }
        public string? address_line3 { get; set; }
        public string town { get; set; } = "";
        public string postcode { get; set; } = "";
        public string kind { get; set; } = "";
        public string? band { get; set; }
        public int version { get; set; }

        public Property ToProperty() => new(new CouncilId(council_id), uprn, address_line1, address_line2, address_line3, town, postcode,
            kind == "domestic" ? PropertyKind.Domestic : PropertyKind.NonDomestic, string.IsNullOrEmpty(band) ? null : band[0], version);
    }
}
