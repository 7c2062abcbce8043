#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.BusinessRates.Domain;
using Reeve.Kernel;

namespace Reeve.BusinessRates;

/// <summary>A hereditament's rateable value history, oldest first, for billing and the hereditament page.</summary>
public static class HereditamentValues
{
    public static async Task<IReadOnlyList<RateableValuePeriod>> OfAsync(DbConnection connection, CouncilId council, long hereditamentId, DbTransaction? tx = null) =>
        [.. (await connection.QueryAsync<ValueRow>(
                "select list_year, effective_from, effective_to, rv_pounds from rateable_value where council_id = @council and hereditament_id = @hereditamentId order by list_year, effective_from",
                new { council = council.Value, hereditamentId }, tx))
            .Select(v => new RateableValuePeriod(v.list_year, v.effective_from, v.effective_to, v.rv_pounds))];

    private sealed class ValueRow
    {
        public int list_year { get; set; }
        public LocalDate effective_from { get; set; }
        public LocalDate? effective_to { get; set; }
        public long rv_pounds { get; set; }
    }
}
