using System.Data.Common;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// What Council Tax holds on a person, for the subject access pack: where they lived and when, what they own, the
/// discounts, disregards, exemptions and reductions that name them or the properties they lived at, and the reference
/// an incumbent system knew them by if they came in by an opening load.
/// </summary>
public sealed class CouncilTaxPersonalData : IPersonalDataSource
{
    public string Module => "CouncilTax";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject) =>
    [
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "council-tax/residence.csv",
            "select uprn, resident_from, resident_to, interest, recorded_at, recorded_by from residence " +
            "where council_id = @council and party_id = @party order by resident_from, residence_id",
            new("property (UPRN)", "uprn"), new("lived there from", "resident_from", Shown.Date), new("to", "resident_to", Shown.Date),
            new("interest", "interest"), new("recorded", "recorded_at", Shown.Instant), new("by", "recorded_by")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "council-tax/ownership.csv",
            "select uprn, owned_from, owned_to, recorded_at, recorded_by from ownership where council_id = @council and party_id = @party order by owned_from, ownership_id",
            new("property (UPRN)", "uprn"), new("owned from", "owned_from", Shown.Date), new("to", "owned_to", Shown.Date),
            new("recorded", "recorded_at", Shown.Instant), new("by", "recorded_by")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "council-tax/discounts-exemptions-and-awards.csv",
            "select uprn, kind, code, percent, amount_pence, award_from, award_to, evidence, review_on, recorded_at, recorded_by, " +
            "case when party_id = @party then 'you' else 'the property' end as about from ctax_award " +
            "where council_id = @council and (party_id = @party or uprn in (select uprn from residence where council_id = @council and party_id = @party)) " +
            "order by award_from, award_id",
            new("property (UPRN)", "uprn"), new("about", "about"), new("kind", "kind"), new("code", "code"), new("percent", "percent"),
            new("amount", "amount_pence", Shown.Money), new("from", "award_from", Shown.Date), new("to", "award_to", Shown.Date),
            new("evidence", "evidence"), new("review on", "review_on", Shown.Date), new("recorded", "recorded_at", Shown.Instant), new("by", "recorded_by")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "council-tax/previous-system-references.csv",
            "select incumbent_ref, load_id from opening_load_record where council_id = @council and record_kind = 'person' and reeve_id = @party order by load_id",
            new("reference in the previous system", "incumbent_ref"), new("opening load", "load_id")),
    ];
}
