#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.BusinessRates.Domain;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.BusinessRates;

/// <summary>Hereditaments' rateable value histories, oldest first, for billing, the list import and the hereditament page.</summary>
public static class HereditamentValues
{
    private const string Select = "select hereditament_id, list_year, effective_from, effective_to, rv_pounds from rateable_value where council_id = @council and hereditament_id ";

    public static async Task<IReadOnlyList<RateableValuePeriod>> OfAsync(DbConnection connection, CouncilId council, long hereditamentId, DbTransaction? tx = null) =>
        (await OfManyAsync(connection, council, [hereditamentId], tx))[hereditamentId].ToList();

    /// <summary>The histories of many hereditaments in a few statements, by hereditament id.</summary>
    public static async Task<ILookup<long, RateableValuePeriod>> OfManyAsync(DbConnection connection, CouncilId council, IReadOnlyCollection<long> hereditamentIds, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<ValueRow, long>(connection, Select + "{ids}", council, hereditamentIds, tx))
            .OrderBy(v => v.list_year).ThenBy(v => v.effective_from)
            .ToLookup(v => v.hereditament_id, v => new RateableValuePeriod(v.list_year, v.effective_from, v.effective_to, v.rv_pounds));

    private sealed class ValueRow
    {
        public long hereditament_id { get; set; }
        public int list_year { get; set; }
        public LocalDate effective_from { get; set; }
        public LocalDate? effective_to { get; set; }
        public long rv_pounds { get; set; }
    }
}
