using System.Data.Common;
using Reeve.Persistence;

namespace Reeve.BusinessRates;

/// <summary>What Business Rates holds on a person, for the subject access pack: the hereditaments they occupied and when.</summary>
public sealed class BusinessRatesPersonalData : IPersonalDataSource
{
    public string Module => "BusinessRates";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject) =>
    [
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "business-rates/occupation.csv",
            "select h.ba_reference, o.occupied_from, o.occupied_to, o.charity, o.small_business, o.recorded_at, o.recorded_by from rates_occupation o " +
            "join hereditament h on h.council_id = o.council_id and h.hereditament_id = o.hereditament_id " +
            "where o.council_id = @council and o.party_id = @party order by o.occupied_from, o.occupation_id",
            new("hereditament", "ba_reference"), new("occupied from", "occupied_from", Shown.Date), new("to", "occupied_to", Shown.Date),
            new("charity", "charity", Shown.YesNo), new("small business", "small_business", Shown.YesNo),
            new("recorded", "recorded_at", Shown.Instant), new("by", "recorded_by")),
    ];
}
