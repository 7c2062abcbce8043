using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.People;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// The demo's trace work queue: a few people with arrears whose post came back "gone away" (one of them long enough
/// ago to be overdue, with sources already tried) and one an officer is tracing on a neighbour's word. Runs after the
/// recovery run, so the reminders it queued for these people are the notices a found address sends again. A handful
/// of rows: it adds well under a second.
/// </summary>
public static class DemoTracing
{
    public static async Task RunAsync(ReeveDatabase db, CouncilId council, LocalDate asAt, Instant now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Past the people the casework demo uses, so a traced person is not also the arrangement walk-through's.
        var people = await DemoCasework.PeopleWithTwoYearsOfArrearsAsync(connection, tx, council, 3, 4);
        var returned = new (int DaysAgo, string Officer)[] { (40, "officer"), (12, "officer"), (3, "teamleader") };
        for (var i = 0; i < people.Count && i < returned.Length; i++)
        {
            // The address letters go to: their newest correspondence address, or 0 for the dwelling itself.
            var address = await CorrespondenceAddresses.NewestOpenAsync(connection, council, people[i], tx) ?? 0;
            var task = await ReturnedMail.MarkAsync(connection, tx, council, people[i], address, asAt.PlusDays(-returned[i].DaysAgo), returned[i].Officer, now);
            if (i == 0)
            {
                await TraceTasks.RecordAttemptAsync(connection, tx, council, task.TaskId, "electoral-register", asAt.PlusDays(-35), "no-trace",
                    "Not on the current register", asAt, "officer", now);
                await TraceTasks.RecordAttemptAsync(connection, tx, council, task.TaskId, "credit-reference-agency", asAt.PlusDays(-20), "lead",
                    "Linked address in Eastmere: writing to the employer to confirm", asAt, "officer", now);
            }
        }

        if (people.Count > returned.Length)
        {
            await TraceTasks.OpenAsync(connection, tx, council,
                new OpenTrace(people[^1], "A neighbour says the family moved out last month", asAt.PlusDays(10), "teamleader"), asAt.PlusDays(-4), "teamleader");
        }

        await tx.CommitAsync(ct);
    }
}
