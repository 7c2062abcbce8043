using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// The death of a liable person, handled as revenues teams do: the person is marked deceased; they stop being
/// resident everywhere, liability ending with the day before the death (LGFA 1992 s2(2): the position at the end
/// of the day counts for the whole day, and at the end of the day of death they were not resident); where nobody
/// else lives in the dwelling it is exempt under Class F from the day of death, open-ended until the officer
/// records the grant of probate plus up to six months (Council Tax (Exempt Dwellings) Order 1992 art 3 Class F).
/// Every affected dwelling is re-billed, all in one transaction.
/// </summary>
public static class RecordDeath
{
    public sealed record Result(IReadOnlyList<long> Dwellings, IReadOnlyList<BillVersion> NewVersions);

    public static async Task<Outcome<Result>> RecordAsync(ReeveDatabase db, CouncilId council, long partyId, LocalDate dateOfDeath, string evidence, string officer, Instant now)
    {
        if (string.IsNullOrWhiteSpace(evidence))
        {
            return new Outcome<Result>.Invalid("evidence", "Record how the death was notified (for example: Tell Us Once, death certificate seen)");
        }

        var recorded = now.InZone(UkTime.Zone).Date;
        if (dateOfDeath > recorded)
        {
            return new Outcome<Result>.Invalid("dateOfDeath", "The date of death cannot be in the future");
        }

        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        if (!await MarkDeceased.MarkAsync(connection, tx, council, partyId, dateOfDeath))
        {
            return new Outcome<Result>.Invalid("partyId", $"Party {partyId} is not a living person of this council");
        }

        var lastDay = dateOfDeath.PlusDays(-1);
        var dwellings = (await connection.QueryAsync<long>(
            "select distinct uprn from residence where council_id = @council and party_id = @partyId and resident_from <= @date and (resident_to is null or resident_to >= @date)",
            new { council = council.Value, partyId, date = dateOfDeath }, tx)).ToList();
        await connection.ExecuteAsync(
            "update residence set resident_to = @lastDay where council_id = @council and party_id = @partyId and resident_from <= @date and (resident_to is null or resident_to >= @date)",
            new { lastDay, council = council.Value, partyId, date = dateOfDeath }, tx);

        var versions = new List<BillVersion>();
        foreach (var uprn in dwellings)
        {
            var othersStay = await connection.ExecuteScalarAsync<long>(
                "select count(*) from residence where council_id = @council and uprn = @uprn and party_id <> @partyId and resident_from <= @date and (resident_to is null or resident_to >= @date)",
                new { council = council.Value, uprn, partyId, date = dateOfDeath }, tx);
            if (othersStay == 0)
            {
                var id = await IdAllocator.ReserveAsync(connection, tx, council, "ctax_award", 1);
                await connection.ExecuteAsync(
                    "insert into ctax_award (council_id, award_id, uprn, kind, code, award_from, evidence, recorded_at, recorded_by) values (@council, @id, @uprn, 'exemption', 'F', @from, @evidence, @now, @officer)",
                    new { council = council.Value, id, uprn, from = dateOfDeath, evidence = $"Death of the liable person: {evidence}. Ends six months after probate is granted.", now, officer }, tx);
            }

            var issued = recorded > dateOfDeath ? recorded : dateOfDeath;
            var outcome = await RebillDwelling.RebillAsync(connection, tx, council, uprn, issued, $"Death of a liable person on {DateText.LongForm.Format(dateOfDeath)}", officer, now, FinancialYear.Containing(lastDay));
            switch (outcome)
            {
                case Outcome<RebillDwelling.Result>.Done done:
                    versions.AddRange(done.Value.NewVersions);
                    break;
                case Outcome<RebillDwelling.Result>.Invalid invalid:
                    return new Outcome<Result>.Invalid(invalid.Field, $"Dwelling {uprn}: {invalid.Message}");
                default:
                    return new Outcome<Result>.Conflict($"Dwelling {uprn} could not be re-billed: {outcome}");
            }
        }

        await tx.CommitAsync();
        return new Result(dwellings, versions);
    }
}
