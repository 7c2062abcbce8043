using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Work;

namespace Reeve.Enforcement;

/// <summary>
/// A request for employment and income details left unanswered past its reply date (CTAE Regs reg 36) is work for the
/// Recovery team: decide the next step (a reminder, a committal referral, another route). Raised where the request is
/// flagged as unanswered, closed where a reply is recorded. Ten working days from the flag.
/// </summary>
public static class UnansweredRequestWork
{
    public const string Source = "enforcement.information-request";
    public const int WorkingDaysToAct = 10;

    public static string Key(long requestId) => requestId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static WorkToRaise For(InformationRequest request, LocalDate flaggedOn) => new(
        Source, Key(request.RequestId), "Unanswered information request",
        $"No reply to the request for employment and income details issued {DateText.LongForm.Format(request.IssuedOn)} (due {DateText.LongForm.Format(request.ReplyDue)})",
        WorkTeams.Recovery, WorkingDays.EnglandAndWales.AddWorkingDays(flaggedOn, WorkingDaysToAct), WorkClock.WorkingDays,
        PartyId: request.PartyId, AccountId: request.AccountId);

    /// <summary>Requests already flagged as unanswered when the queue arrived.</summary>
    public sealed class Backfill : IWorkBackfill
    {
        public string Source => UnansweredRequestWork.Source;

        public async Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            (await InformationRequests.NoReplyAsync(connection, tx, council)).Select(r => For(r, r.FlaggedOn ?? today)).ToList();
    }
}
