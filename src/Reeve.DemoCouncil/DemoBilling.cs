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
        var issued = move.LastDay.PlusDays(7) is var day && day < asAt ? day : asAt;
        var outcome = await RecordChangeOfOccupier.RecordAsync(connection, tx, profile.Id, move.Uprn, move.Leaving.Members.Select(m => m.PartyId).ToList(), move.LastDay,
            move.Arriving.Members.Select(m => new RecordChangeOfOccupier.Arrival(m.PartyId, m.Interest, m.PartnerOf, m.Disregard, "Student certificate")).ToList(),
            issued, Officer, now);
        if (outcome is not Outcome<RebillDwelling.Result>.Done)
        {
            throw new InvalidOperationException($"Demo move at {move.Uprn} was refused: {outcome}");
        }

        await tx.CommitAsync(ct);
    }
}
