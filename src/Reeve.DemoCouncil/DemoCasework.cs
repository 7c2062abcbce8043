using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// Phase 4 of the demo: casework on a few people with arrears in two or more years: the labelled example spending
/// guidelines (never the official SFS figures), an income and expenditure statement and a kept arrangement, and
/// vulnerability flags with consent and signposting. A handful of rows: it adds well under a second.
/// </summary>
public static class DemoCasework
{
    private const string Officer = "demo-casework";

    /// <summary>
    /// People whose accounts owe in at least two financial years and who have no arrangement, lowest id first,
    /// skipping the first <paramref name="skip"/>.
    /// </summary>
    internal static async Task<IReadOnlyList<long>> PeopleWithTwoYearsOfArrearsAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, int skip, int take)
    {
        var found = new List<long>();
        foreach (var party in await PartiesInArrears.OwingInYearsAsync(connection, council, 2, tx))
        {
            if (found.Count == skip + take)
            {
                break;
            }

            if ((await Arrangements.ForPartyAsync(connection, council, party, tx)).Count == 0)
            {
                found.Add(party);
            }
        }

        return found.Skip(skip).ToList();
    }

    public static async Task RunAsync(ReeveDatabase db, CouncilId council, LocalDate asAt, Instant now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The example figures take effect from the first Monday in April, as the SFS's own do.
        var april = new LocalDate(asAt.Year - 1, 4, 1);
        var firstMonday = april.DayOfWeek == IsoDayOfWeek.Monday ? april : april.Next(IsoDayOfWeek.Monday);
        await SpendingGuidelineStore.SeedDemoExampleAsync(connection, tx, council, firstMonday);
        var people = await PeopleWithTwoYearsOfArrearsAsync(connection, tx, council, 0, 3);
        if (people.Count > 0)
        {
            var budget = new Budget(1, 1,
                [("earnings", Money.FromPounds(1450)), ("benefits", Money.FromPounds(320))],
                [("homeAndContents", Money.FromPounds(750)), ("foodAndHousekeeping", Money.FromPounds(420)), ("travel", Money.FromPounds(90)),
                 ("communicationsAndLeisure", Money.FromPounds(60)), ("fixedCosts", Money.FromPounds(250))],
                [new Debt("Eastmere Energy", "energy", Money.FromPounds(380), true)]);
            await IncomeAndExpenditureStore.RecordAsync(connection, tx, council, people[0], asAt.PlusDays(-3), budget, Officer, now);
            await Arrangements.AgreeAsync(connection, tx, council, new ArrangementRequest(people[0], Frequency.Monthly, asAt.PlusDays(14), null, null, asAt),
                new Approver(Officer, "TeamLeader", true), now);
            await Vulnerabilities.RecordAsync(connection, tx, council,
                new VulnerabilityRequest(people[0], "health", "Long-term condition; prefers letters to phone calls", true, asAt.PlusDays(-3), asAt.PlusMonths(6), "Officer", false, false),
                asAt, Officer, now);
        }

        if (people.Count > 1)
        {
            await Vulnerabilities.RecordAsync(connection, tx, council,
                new VulnerabilityRequest(people[1], "life-events", "Recent bereavement (partner)", true, asAt.PlusDays(-10), asAt.PlusMonths(3), "TeamLeader", true, true),
                asAt, Officer, now);
            await Vulnerabilities.SignpostAsync(connection, tx, council, people[1], "free-debt-advice", asAt.PlusDays(-10), "StepChange", Officer, now);
            await Vulnerabilities.SignpostAsync(connection, tx, council, people[1], "council-tax-reduction", asAt.PlusDays(-10), "Claim form sent", Officer, now);
        }

        await tx.CommitAsync(ct);
    }
}
