using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.BusinessRates;

/// <summary>
/// The council's billing authority code as the VOA writes it (four characters, often with a leading zero): a list
/// entries file for another authority is refused. Setting it again replaces it.
/// </summary>
public static class BillingAuthorityCode
{
    public static async Task<Outcome<string>> SetAsync(DbConnection connection, DbTransaction tx, CouncilId council, string code, string officer, Instant now)
    {
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.Trim();
        if (trimmed.Length is 0 or > 4 || !trimmed.All(char.IsAsciiLetterOrDigit))
        {
            return new Outcome<string>.Invalid("code", "A billing authority code is 1 to 4 letters or digits, as the VOA writes it (for example 0435)");
        }

        var changed = await connection.ExecuteAsync(
            "update rates_authority set ba_code = @code, set_at = @now, set_by = @officer where council_id = @council",
            new { council = council.Value, code = trimmed, now, officer }, tx);
        if (changed == 0)
        {
            await connection.ExecuteAsync(
                "insert into rates_authority (council_id, ba_code, set_at, set_by) values (@council, @code, @now, @officer)",
                new { council = council.Value, code = trimmed, now, officer }, tx);
        }

        return trimmed;
    }

    public static Task<string?> GetAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        connection.QuerySingleOrDefaultAsync<string?>("select ba_code from rates_authority where council_id = @council", new { council = council.Value }, tx);

    /// <summary>The same authority: the VOA pads codes with leading zeros, so "435" and "0435" match; letters match in any case.</summary>
    public static bool Same(string a, string b) =>
        string.Equals(a.TrimStart('0'), b.TrimStart('0'), StringComparison.OrdinalIgnoreCase);
}
