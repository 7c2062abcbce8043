using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Properties;

/// <summary>The properties at a postcode, for modules that hold a postcode written by someone (a payer's bank reference) and look for accounts there.</summary>
public static class PropertiesAtPostcode
{
    /// <summary>
    /// The UPRNs of at most <paramref name="most"/> properties whose postcode is <paramref name="postcode"/>, compared
    /// without spaces and case ("sw1a1aa" finds "SW1A 1AA"), lowest UPRN first.
    /// </summary>
    public static async Task<IReadOnlyList<long>> UprnsAsync(DbConnection connection, CouncilId council, string postcode, int most, DbTransaction? tx = null) =>
        (await connection.QueryAsync<long>(
            "select uprn from property where council_id = @council and replace(upper(postcode), ' ', '') = @postcode order by uprn limit @most",
            new { council = council.Value, postcode = postcode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), most }, tx)).ToList();
}
