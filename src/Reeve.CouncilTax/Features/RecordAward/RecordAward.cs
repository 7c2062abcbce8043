using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// An award on a dwelling: a disregard, exemption, owner-liable class, disabled band reduction, premium, local
/// discount or Council Tax Reduction, with its dates and the evidence it rests on. Whether it fits the dwelling's
/// other facts is checked when the bills are worked out again, in the caller's transaction.
/// </summary>
public static class RecordAward
{
    public sealed record Award(
        string Kind, long? PartyId, string? Code, int? Percent, LocalDate? Since, LocalDate From, LocalDate? To, string Evidence, LocalDate? ReviewOn, Money? Amount = null);

    public static Task<Outcome<RebillDwelling.Result>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, Award award, string officer, Instant now)
    {
        if (string.IsNullOrWhiteSpace(award.Evidence))
        {
            return DwellingChange.Refused("evidence", "Record the evidence the award rests on");
        }

        if (FieldRules.Text(award.Evidence, "The evidence") is { } evidence)
        {
            return DwellingChange.Refused("evidence", evidence);
        }

        if (FieldRules.Period(award.From, award.To, "The date the award ends", "The date the award starts") is { } period)
        {
            return DwellingChange.Refused(award.To is { } to && to < award.From ? "to" : "from", period);
        }

        if (award.Code is { Length: > 20 })
        {
            return DwellingChange.Refused("code", "The category or class must be 20 characters or fewer");
        }

        return DwellingChange.ApplyAsync(connection, tx, council, uprn, award.From, $"{award.Kind} {award.Code} from {DateText.LongForm.Format(award.From)}", officer, now,
            () => WriteAsync(connection, tx, council, uprn, award, officer, now));
    }

    /// <summary>Writes the award and does not re-bill: the caller re-bills once after all its changes.</summary>
    internal static async Task WriteAsync(DbConnection connection, DbTransaction tx, CouncilId council, long uprn, Award award, string officer, Instant now)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "ctax_award", 1);
        await connection.ExecuteAsync(
            "insert into ctax_award (council_id, award_id, uprn, kind, party_id, code, percent, since, award_from, award_to, evidence, review_on, recorded_at, recorded_by, amount_pence) " +
            "values (@council, @id, @uprn, @kind, @partyId, @code, @percent, @since, @from, @to, @evidence, @review, @now, @officer, @amount)",
            new
            {
                council = council.Value, id, uprn, kind = award.Kind, partyId = award.PartyId, code = award.Code, percent = award.Percent,
                since = award.Since, from = award.From, to = award.To, evidence = award.Evidence,
                review = award.ReviewOn, now, officer, amount = award.Amount?.Pence,
            }, tx);
    }
}
