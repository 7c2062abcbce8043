using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.CouncilTax;

/// <summary>
/// A change of occupier, as a sale or a new tenancy is notified: the household leaving moves out on its last day,
/// the disregards at the dwelling end with it, and the household arriving moves in the next day, each with their
/// interest, spouse or partner and any disregard. The dwelling is re-billed once for the whole change (LGFA 1992
/// s2(2), s6), and the accounts of those who left are closed on their last day. In the caller's transaction.
/// </summary>
public static class RecordChangeOfOccupier
{
    public sealed record Arrival(long PartyId, Interest Interest, long? PartnerOf, string? DisregardCategory, string? DisregardEvidence);

    public static async Task<Outcome<RebillDwelling.Result>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, IReadOnlyList<long> leaving, LocalDate lastDay,
        IReadOnlyList<Arrival> arriving, LocalDate issuedOn, string officer, Instant now)
    {
        if (arriving.FirstOrDefault(a => a.DisregardCategory is not null && string.IsNullOrWhiteSpace(a.DisregardEvidence)) is { } unevidenced)
        {
            return new Outcome<RebillDwelling.Result>.Invalid("evidence", $"Record the evidence for party {unevidenced.PartyId}'s disregard");
        }

        foreach (var party in leaving)
        {
            if (!await RecordMoveOut.WriteAsync(connection, tx, council, uprn, party, lastDay))
            {
                return new Outcome<RebillDwelling.Result>.Invalid("leaving", $"Party {party} is not recorded as living at this dwelling now");
            }
        }

        await connection.ExecuteAsync(
            "update ctax_award set award_to = @lastDay where council_id = @council and uprn = @uprn and kind = 'disregard' and award_to is null",
            new { lastDay, council = council.Value, uprn }, tx);
        var arrives = lastDay.PlusDays(1);
        foreach (var a in arriving)
        {
            await RecordMoveIn.WriteAsync(connection, tx, council, uprn, a.PartyId, arrives, a.Interest, a.PartnerOf, officer, now);
            if (a.DisregardCategory is { } category)
            {
                await RecordAward.WriteAsync(connection, tx, council, uprn,
                    new RecordAward.Award("disregard", a.PartyId, category, null, null, arrives, null, a.DisregardEvidence!, null), officer, now);
            }
        }

        var outcome = await RebillDwelling.RebillAsync(connection, tx, council, uprn, issuedOn, "Change of occupier", officer, now, FinancialYear.Containing(lastDay));
        if (outcome is not Outcome<RebillDwelling.Result>.Done)
        {
            return outcome;
        }

        var left = leaving.ToHashSet();
        foreach (var account in await CouncilTaxAccounts.OnDwellingAsync(connection, tx, council, uprn))
        {
            if (account.Parties.Any(left.Contains))
            {
                await AccountStore.CloseAsync(connection, tx, council, account.AccountId, lastDay);
                await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, lastDay, "moved-out",
                    $"Liable party moved out; liability ends {DateText.LongForm.Format(lastDay)}", officer, "LGFA 1992 s2, s6");
            }
        }

        return outcome;
    }
}
