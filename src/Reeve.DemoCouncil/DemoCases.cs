using NodaTime;
using Reeve.Cases;
using Reeve.Cases.Domain;
using Reeve.Cases.Features.AnswerCase;
using Reeve.Cases.Features.LogCase;
using Reeve.Cases.Features.PauseClock;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// The demo's cases list: an FOI request from a journalist, a complaint answered at stage 1 (with its response letter),
/// a subject access request waiting for proof of identity, and an MP's enquiry past its deadline. A handful of rows.
/// </summary>
public static class DemoCases
{
    public static async Task RunAsync(ReeveDatabase db, CouncilId council, LocalDate asAt, Instant now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var people = await DemoCasework.PeopleWithTwoYearsOfArrearsAsync(connection, tx, council, 8, 2);
        async Task<CaseFile> Log(string key, CaseKind kind, int daysAgo, long? person, string? name, string? address, string description, string? assignTo = null)
        {
            var request = new LogCase.Request(council, kind, asAt.PlusDays(-daysAgo), person, name, address, person, description, [], assignTo, $"demo/{key}");
            return ((Outcome<CaseFile>.Done)await LogCase.HandleAsync(connection, tx, request, asAt, "officer", now)).Value;
        }

        await Log("foi", CaseKind.Foi, 5, null, "Eastmere Gazette newsdesk", "14 Market Street\nEastmere\nEM1 4QT",
            "How many council tax liability orders did the council obtain in each of the last three financial years, and what costs were charged?", "officer");
        await Log("mp", CaseKind.MpEnquiry, 20, null, "Office of the Member of Parliament for Eastmere", "House of Commons\nLondon\nSW1A 0AA",
            "A constituent asks why their council tax reduction stopped after a change of address.");
        if (people.Count >= 2)
        {
            var complaint = await Log("complaint", CaseKind.Complaint, 9, people[0], null, null,
                "I was sent a reminder even though I had rung to arrange payments.", "teamleader");
            await AnswerCase.HandleAsync(connection, tx, council, complaint.CaseId, "partly-upheld",
                "We found that your call was logged but the arrangement was not set up until two days later, after the reminder had been printed.\n\nWe have removed the reminder from your account and apologise for the worry it caused.",
                asAt, "teamleader", now);
            var sar = await Log("sar", CaseKind.SubjectAccess, 3, people[1], null, null, "A copy of all the information you hold about me and my council tax.");
            await PauseClock.PauseAsync(connection, tx, council, sar.CaseId, PauseReason.Identity, asAt.PlusDays(-2), "Asked for photo identity", asAt, "officer", now);
        }

        await tx.CommitAsync(ct);
    }
}
