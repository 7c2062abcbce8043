#pragma warning disable IDE1006 // column names as the database spells them
using NodaTime;
using Reeve.BusinessRates.Domain;

namespace Reeve.BusinessRates;

/// <summary>A row of <c>rates_occupation</c> as billing and the hereditament page read it.</summary>
internal sealed class OccupationRow
{
    public const string Columns = "occupation_id, hereditament_id, account_id, party_id, occupied_from, occupied_to, charity, small_business, retail_hospitality_leisure";

    public long occupation_id { get; set; }
    public long hereditament_id { get; set; }
    public long account_id { get; set; }
    public long party_id { get; set; }
    public LocalDate occupied_from { get; set; }
    public LocalDate? occupied_to { get; set; }
    public bool charity { get; set; }
    public bool small_business { get; set; }
    public bool retail_hospitality_leisure { get; set; }

    public OccupationFacts Facts(IReadOnlyList<RateableValuePeriod> values) =>
        new(occupied_from, occupied_to, charity, small_business, retail_hospitality_leisure, values);
}
