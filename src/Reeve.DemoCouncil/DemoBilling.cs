#pragma warning disable IDE1006 // column names as the database spells them
using Dapper;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// Phase 2 of the demo: the years as they happened. Each year's annual billing in March, then that year's moves
/// recorded on their dates, each re-billing the dwelling (the outgoing occupier's bill shortened by a new
/// version, the incoming occupier billed from the day after).
/// </summary>
internal static class DemoBilling
{
    private const string Officer = "demo";

    public static async Task RunAsync(ReeveDatabase db, CouncilGenerator council, LocalDate asAt, IClock clock, IProgress<DemoProgress>? progress, CancellationToken ct)
    {
        var profile = council.Profile;
        for (var year = DemoCouncilProfile.FirstLedgerYear; year <= FinancialYear.Containing(asAt); year = year.Next)
        {
            var issued = profile.AnnualBillingDay(year);
            var stage = $"{profile.Name}: annual billing {year}";
            var run = await RaiseAnnualBills.RunAsync(db, new RaiseAnnualBills.Options(profile.Id, year, issued, false, "annual-billing"), clock,
                new Progress<(int Done, int Total)>(p => progress?.Report(new DemoProgress(stage, p.Done, p.Total))), ct);
            if (run is not Outcome<AnnualBillingReport>.Done { Value.Problems.Count: 0 })
            {
                throw new InvalidOperationException($"Demo annual billing for {year} failed: {run}");
            }

            var moves = council.Moves.Where(m => year.Contains(m.LastDay) && m.LastDay < asAt).OrderBy(m => m.LastDay).ToList();
            var done = 0;
            foreach (var move in moves)
            {
                await RecordMoveAsync(db, council, move, asAt, clock.GetCurrentInstant(), ct);
                if (++done % 100 == 0 || done == moves.Count)
                {
                    progress?.Report(new DemoProgress($"{profile.Name}: changes of occupier in {year}", done, moves.Count));
                }
            }
        }
    }

    private static async Task RecordMoveAsync(ReeveDatabase db, CouncilGenerator council, DemoMove move, LocalDate asAt, Instant now, CancellationToken ct)
    {
        var profile = council.Profile;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var arrives = move.LastDay.PlusDays(1);
        foreach (var leaving in move.Leaving.Members)
        {
            await connection.ExecuteAsync(
                "update residence set resident_to = @lastDay where council_id = @council and uprn = @uprn and party_id = @party and resident_to is null",
                new { lastDay = move.LastDay, council = profile.Id.Value, uprn = move.Uprn, party = leaving.PartyId }, tx);
        }

        await connection.ExecuteAsync(
            "update ctax_award set award_to = @lastDay where council_id = @council and uprn = @uprn and kind = 'disregard' and award_to is null",
            new { lastDay = move.LastDay, council = profile.Id.Value, uprn = move.Uprn }, tx);
        foreach (var m in move.Arriving.Members)
        {
            var id = await IdAllocator.ReserveAsync(connection, tx, profile.Id, "residence", 1);
            await connection.ExecuteAsync(
                "insert into residence (council_id, residence_id, uprn, party_id, resident_from, interest, partner_of, recorded_at, recorded_by) values (@council, @id, @uprn, @party, @from, @interest, @partner, @now, @officer)",
                new { council = profile.Id.Value, id, uprn = move.Uprn, party = m.PartyId, from = arrives, interest = m.Interest.Code(), partner = m.PartnerOf, now, officer = Officer }, tx);
            if (m.Disregard is { } category)
            {
                var award = await IdAllocator.ReserveAsync(connection, tx, profile.Id, "ctax_award", 1);
                await connection.ExecuteAsync(
                    "insert into ctax_award (council_id, award_id, uprn, kind, party_id, code, award_from, evidence, recorded_at, recorded_by) values (@council, @award, @uprn, 'disregard', @party, @category, @from, 'Student certificate', @now, @officer)",
                    new { council = profile.Id.Value, award, uprn = move.Uprn, party = m.PartyId, category, from = arrives, now, officer = Officer }, tx);
            }
        }

        var issued = move.LastDay.PlusDays(7) is var day && day < asAt ? day : asAt;
        var outcome = await RebillDwelling.RebillAsync(connection, tx, profile.Id, move.Uprn, issued, "Change of occupier", Officer, now, FinancialYear.Containing(move.LastDay));
        if (outcome is not Outcome<RebillDwelling.Result>.Done)
        {
            throw new InvalidOperationException($"Demo move at {move.Uprn} was refused: {outcome}");
        }

        var leavingParties = move.Leaving.Members.Select(m => m.PartyId).ToHashSet();
        foreach (var account in await CouncilTaxAccounts.OnDwellingAsync(connection, tx, profile.Id, move.Uprn))
        {
            if (account.Parties.Any(leavingParties.Contains))
            {
                await AccountStore.CloseAsync(connection, tx, profile.Id, account.AccountId, move.LastDay);
                await AccountEvents.RecordAsync(connection, tx, profile.Id, account.AccountId, now, move.LastDay, "moved-out",
                    $"Liable party moved out; liability ends {DateText.LongForm.Format(move.LastDay)}", Officer, "LGFA 1992 s2, s6");
            }
        }

        await tx.CommitAsync(ct);
    }
}
