using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>
/// Ends an award on its last day (the person stopped studying, the dwelling was let, the reduction was
/// reassessed). An award already ending on or before that day is refused: ending it later would extend it,
/// which is a new award with its own evidence. Re-bills in the caller's transaction.
/// </summary>
public static class EndAward
{
    public static Task<Outcome<RebillDwelling.Result>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, long awardId, LocalDate lastDay, string reason, string officer, Instant now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return DwellingChange.Refused("reason", "Say why the award ends");
        }

        return DwellingChange.ApplyAsync(connection, tx, council, uprn, lastDay.PlusDays(1),
            $"Award ended on {DateText.LongForm.Format(lastDay)}: {reason.Trim()}", officer, now, async () =>
        {
            var found = (await connection.QueryAsync<(LocalDate From, LocalDate? To, LocalDate? ReviewOn)>(
                "select award_from, award_to, review_on from ctax_award where council_id = @council and uprn = @uprn and award_id = @awardId",
                new { council = council.Value, uprn, awardId }, tx)).ToList();
            if (found.Count == 0)
            {
                return ("awardId", $"There is no award {awardId} on this dwelling");
            }

            var award = found[0];
            if (lastDay < award.From)
            {
                return ("to", $"The award starts on {DateText.LongForm.Format(award.From)}; its last day cannot be before that");
            }

            if (award.To is { } ends && ends <= lastDay)
            {
                return ("to", $"The award already ends on {DateText.LongForm.Format(ends)}");
            }

            // Ending an award answers its review, so its review date is cleared and its item on the queue closed.
            await connection.ExecuteAsync(
                "update ctax_award set award_to = @lastDay, review_on = null, evidence = evidence || @note where council_id = @council and uprn = @uprn and award_id = @awardId",
                new
                {
                    council = council.Value, uprn, awardId, lastDay,
                    note = $" | Ended {DateText.Iso.Format(lastDay)} by {officer}: {reason.Trim()}" + (award.ReviewOn is { } review ? $" (answers the review due {DateText.Iso.Format(review)})" : ""),
                }, tx);
            await ReviewsDue.CloseAsync(connection, tx, council, awardId, now);
            return ((string, string)?)null;
        });
    }
}
