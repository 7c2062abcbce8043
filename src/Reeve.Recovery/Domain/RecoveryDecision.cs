using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Recovery.Domain;

/// <summary>What a run does with one account's year, and why, in the officer's words with the legal source.</summary>
internal sealed record RecoveryDecision(
    AccountYear AccountYear,
    string Stage,
    string Reason,
    string Source,
    Money Amount,
    IReadOnlyList<RecoveryAction> ToRecord,
    string Explanation);

/// <summary>
/// The run's rule for one account's year on the run date: play the engine with the notices already issued as
/// facts, then record whatever it dates on the run date that has not been recorded. Pure.
/// </summary>
internal static class RecoveryDecisions
{
    public const string UpToDate = "up-to-date";
    public const string Waiting = "waiting";
    public const string Held = "held";
    public const string NoCourtSession = "no-court-session";

    /// <summary>The stages a run report counts, in the order the law takes them.</summary>
    public static IReadOnlyList<string> Stages { get; } =
    [
        "first-reminder", "second-reminder", "instalments-lost", "final-notice", "summons", Held, NoCourtSession, Waiting, UpToDate,
    ];

    public static string StageTitle(string stage) => stage switch
    {
        UpToDate => "Up to date",
        Waiting => "Waiting (nothing due today)",
        Held => "Held",
        NoCourtSession => "Summons due, no court session with space",
        _ => RecoverySteps.FromCode(stage)?.Title() ?? stage,
    };

    public static RecoveryDecision Decide(AccountYear ay, RecoveryProfile profile, IReadOnlyList<LocalDate> sessions, LocalDate runDate, WorkingDays calendar)
    {
        if (ay.Instalments.Count == 0)
        {
            return new RecoveryDecision(ay, UpToDate, "No instalments", RecoverySources.Instalments, Money.Zero, [], "");
        }

        var position = new AccountPosition(ay.Instalments, ay.Payments.Where(p => p.Date <= runDate));
        if (ay.Notices.Count == 0 && NeverLate(ay, position, runDate))
        {
            return new RecoveryDecision(ay, UpToDate, "Every instalment due by the run date was paid by its due date", RecoverySources.Reminder, Money.Zero, [], "");
        }

        var issued = ay.Notices.Where(n => n.Step.IsIssued()).Select(n => new IssuedNotice(n.Date, n.Step, n.Hearing)).ToList();
        var timeline = RecoveryEngine.Play(
            new RecoveryCase(ay.Year, ay.Instalments, ay.Payments, profile, sessions, ay.Holds, runDate, issued, FinalNotices: true), calendar);
        var recorded = ay.Notices.Select(n => n.Step).ToHashSet();
        var toRecord = timeline.Actions
            .Where(a => !recorded.Contains(a.Step) && (a.Step == RecoveryStep.InstalmentsLost || a.Date == runDate))
            .ToList();
        var explanation = string.Join("\n", timeline.Explanation.Select(e => $"{e.Step} ({e.Amount}) [{e.Source}]"));
        var notice = toRecord.LastOrDefault(a => a.Step.IsIssued());
        if (notice is not null)
        {
            var why = timeline.Explanation.LastOrDefault(e => e.Source == notice.Source && e.Step.Contains(" issued ", StringComparison.Ordinal));
            return new RecoveryDecision(ay, notice.Step.Code(), why?.Step ?? notice.Step.Title(), notice.Source, notice.Amount, toRecord, explanation);
        }

        var arrears = position.ArrearsAt(runDate);
        var unpaid = position.UnpaidBalanceAt(runDate);
        if (timeline.HeldBack is { } held)
        {
            var hold = ay.HoldsInForce.FirstOrDefault(h => h.Reason.Code() == held.Hold.Reason);
            var note = hold.Note is { Length: > 0 } n ? $": {n}" : "";
            return new RecoveryDecision(ay, Held,
                $"{held.Notice.Title()} due since {DateText.LongForm.Format(held.Since)} is held back by a {(hold.Note is null ? held.Hold.Reason : hold.Reason.Describe())} hold from {DateText.LongForm.Format(held.Hold.Period.Start)}{note}",
                RecoverySources.Hold, unpaid, toRecord, explanation);
        }

        if (timeline.Explanation.LastOrDefault(e => e.Source == RecoverySources.Summons) is { } last && last.Step.StartsWith("No summons on " + DateText.LongForm.Format(runDate), StringComparison.Ordinal))
        {
            return new RecoveryDecision(ay, NoCourtSession, last.Step, RecoverySources.Summons, unpaid, toRecord, explanation);
        }

        if (toRecord.Count > 0)
        {
            var lost = toRecord[^1];
            return new RecoveryDecision(ay, lost.Step.Code(), $"The right to pay by instalments is lost: the unpaid balance is payable from {DateText.LongForm.Format(lost.Date)}", lost.Source, lost.Amount, toRecord, explanation);
        }

        if (ay.HoldsInForce.Count > 0 && unpaid.IsPositive)
        {
            var hold = ay.HoldsInForce[0];
            return new RecoveryDecision(ay, Held, $"{hold.Reason.Describe()} hold from {DateText.LongForm.Format(hold.From)}: {hold.Note}", RecoverySources.Hold, unpaid, toRecord, explanation);
        }

        if (arrears.IsZero && unpaid.IsZero)
        {
            return new RecoveryDecision(ay, UpToDate, "The year is paid in full", RecoverySources.AsAt, Money.Zero, toRecord, explanation);
        }

        var waiting = timeline.Explanation.Count >= 2 ? timeline.Explanation[^2] : timeline.Explanation[^1];
        return new RecoveryDecision(ay, arrears.IsZero && ay.Notices.Count == 0 ? UpToDate : Waiting, waiting.Step, waiting.Source, arrears, toRecord, explanation);
    }

    // Most accounts pay every instalment by its due date; they need no replay.
    private static bool NeverLate(AccountYear ay, AccountPosition position, LocalDate runDate)
    {
        foreach (var instalment in ay.Instalments)
        {
            if (instalment.Due > runDate)
            {
                break;
            }

            if (position.PaidBy(instalment.Due) < position.DueBy(instalment.Due))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The stages a run report counts, for the command line and the pages.</summary>
public static class RecoveryStages
{
    /// <summary>Nothing due and unpaid: the stage a page showing "what happens next" leaves out.</summary>
    public const string UpToDate = RecoveryDecisions.UpToDate;

    public static IReadOnlyList<string> All => RecoveryDecisions.Stages;

    public static string Title(string stage) => RecoveryDecisions.StageTitle(stage);
}
