using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;

namespace Reeve.DemoCouncil;

/// <summary>
/// Phase 4 of the demo: the recovery team's year so far. After billing and payments, four 2026/27 runs (May to
/// September) are prepared by the officer, approved by the team leader and executed on their own dates, through the recovery module itself; the court sits, and its orders are recorded. So the pages
/// show reminders, losses of instalments, summonses and liability orders from the start.
/// </summary>
internal static class DemoRecovery
{
    private const string Preparer = "officer";
    private const string Approver = "teamleader";
    private const string Court = "Wealdmoor Magistrates' Court";

    public static async Task RunAsync(ReeveDatabase db, DemoCouncilProfile profile, LocalDate asAt, IClock clock, CancellationToken ct)
    {
        var year = new FinancialYear(2026);
        var council = profile.Id;
        var now = clock.GetCurrentInstant();
        var runs = new[] { new LocalDate(2026, 5, 11), new LocalDate(2026, 6, 8), new LocalDate(2026, 8, 10), new LocalDate(2026, 9, 7) }
            .Where(d => d < asAt).ToList();
        if (runs.Count == 0)
        {
            return;
        }

        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await RecoverySettings.SetCostsAsync(connection, tx, council,
                new RecoveryCosts(AccountKind.CouncilTax, year.FirstDay, Money.FromPence(7_000), Money.FromPence(4_000),
                    "Demo: the 2026/27 recovery team's costs study, averaged over the summonses and orders of 2025/26"), "demo", now);

            // The court lists liability order complaints about every four weeks from the summer.
            foreach (var day in new[] { new LocalDate(2026, 7, 21), new LocalDate(2026, 8, 18), new LocalDate(2026, 9, 22), new LocalDate(2026, 10, 27), new LocalDate(2026, 12, 8), new LocalDate(2027, 1, 19) })
            {
                await ScheduleCourtSession.HandleAsync(connection, tx, council, Court, day, "10:00", 400, runs[0], "demo", now);
            }

            await tx.CommitAsync(ct);
        }

        foreach (var day in runs)
        {
            await using (var connection = await db.OpenAsync(ct))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                var prepared = await PrepareRecoveryRun.HandleAsync(connection, tx, new RecoveryRunOptions(council, day, day, Preparer, OnlyYear: year), now, ct);
                if (prepared is not Outcome<RecoveryRunReport>.Done { Value.RunId: { } runId })
                {
                    throw new InvalidOperationException($"The demo recovery run for {day} was refused: {prepared}");
                }

                if (await ApproveRecoveryRun.HandleAsync(connection, tx, council, runId, Approver, now) is not Outcome<RecoveryRunSummary>.Done)
                {
                    throw new InvalidOperationException($"The demo recovery run for {day} could not be approved");
                }

                await tx.CommitAsync(ct);
                await ExecuteRecoveryRun.HandleAsync(db, council, runId, day, Preparer, clock, ct: ct);
            }

            await HearAsync(db, council, day, now, ct);
        }

        await HearAsync(db, council, asAt, now, ct);
    }

    // Sessions held by the day: the court grants an order on every complaint still listed (a summons paid with its
    // costs before the hearing is recorded as paid before the hearing, reg 34(5)).
    private static async Task HearAsync(ReeveDatabase db, CouncilId council, LocalDate by, Instant now, CancellationToken ct)
    {
        IReadOnlyList<CourtSession> sessions;
        await using (var connection = await db.OpenAsync(ct))
        {
            sessions = await CourtSessions.ListAsync(connection, council);
        }

        foreach (var session in sessions.Where(s => s.Date < by && s.Listed > 0))
        {
            IReadOnlyList<ComplaintLine> lines;
            await using (var connection = await db.OpenAsync(ct))
            {
                lines = await CourtSessions.ComplaintListAsync(connection, council, session.SessionId);
            }

            var open = lines.Where(l => l.Outcome is null).Select(l => new OutcomeEntry(l.Reference, HearingOutcome.LiabilityOrder)).DistinctBy(e => e.Reference).ToList();
            if (open.Count > 0)
            {
                await using var connection = await db.OpenAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(ct);
                if (await RecordHearingOutcomes.HandleAsync(connection, tx, council, session.SessionId, open, Approver, now, ct) is not Outcome<IReadOnlyList<OutcomeResult>>.Done)
                {
                    throw new InvalidOperationException($"The demo hearing of session {session.SessionId} could not be recorded");
                }

                await tx.CommitAsync(ct);
            }
        }
    }
}
