using NodaTime;
using Reeve.Kernel;

namespace Reeve.Recovery.Domain;

/// <summary>
/// The council tax recovery timetable for one account's financial year, played day by day from the first instalment
/// to the as-at date, exactly as the daily recovery run would have played it (shared/contracts.md
/// `recovery-timeline`). Pure: the calendar and the as-at date are inputs.
/// </summary>
/// <remarks>
/// Choices where the contract and the regulations leave a gap (docs/domain/recovery-timeline.md):
/// <list type="bullet">
/// <item>No reminder is issued while an earlier reminder's 7 days are running: that notice already demands
/// everything falling due in those days, and the outcome of its 7 days decides what comes next.</item>
/// <item>Instalments-lost is the day the law makes the balance payable, not a notice, so it keeps its date even on a
/// weekend or inside a hold; holds delay only the notices the council issues (reminders and summonses).</item>
/// <item>If nothing is unpaid on the day the balance would become payable, nothing becomes payable and no action is
/// recorded. A late payment after a failed reminder does not undo the failure (reg 23(3)).</item>
/// <item>Payments after instalments-lost reduce the summons; a balance paid in full before the summons day stops it.</item>
/// <item>When no court session is at least the minimum interval after the summons day, no summons is issued and the
/// explanation says why; one summons per year ends the timeline.</item>
/// <item>Once all instalments have fallen due no reminder is served (reg 23(2)); arrears then need a reg 33 final
/// notice, which is outside this timeline and is noted in the explanation.</item>
/// <item>Actions dated after the as-at date are not returned; payments dated after it are not counted.</item>
/// </list>
/// </remarks>
internal static class RecoveryEngine
{
    public static RecoveryTimeline Play(RecoveryCase recoveryCase, WorkingDays calendar) =>
        new Player(recoveryCase, calendar).Run();

    private sealed class Player(RecoveryCase c, WorkingDays calendar)
    {
        private const int ReminderPeriodDays = 7;
        private const int FurtherPeriodDays = 7;
        private const int LimitationYears = 6;
        private const int FinalNoticeDays = 7;

        private readonly AccountPosition _account = new(c.Instalments, c.Payments.Where(p => p.Date <= c.AsAt));
        private readonly LocalDate[] _sessions = [.. c.CourtSessions.Order()];
        private readonly List<RecoveryAction> _actions = [];
        private readonly List<ExplanationStep> _explanation = [];

        private int _remindersIssued;
        private OpenReminder? _openReminder;
        private LocalDate? _thirdDefaultWatchAfter;
        private LocalDate? _balancePayableOn;
        private string _balanceSource = RecoverySources.ReminderFailed;
        private bool _balanceRecorded;
        private HeldNotice? _heldBack;
        private bool _finalNoticeDue;
        private bool _finished;

        public RecoveryTimeline Run()
        {
            Explain($"Instalments for {c.Year}: {c.Instalments.Count}, the first due {Day(_account.FirstDue)} and the last {Day(_account.LastDue)}",
                _account.Total, RecoverySources.Instalments);

            for (var day = _account.FirstDue; day <= c.AsAt && !_finished; day = day.PlusDays(1))
            {
                StartOfDay(day);
                if (!_finished && calendar.IsWorkingDay(day))
                {
                    RunOn(day);
                }

                if (!_finished)
                {
                    EndOfDay(day);
                }
            }

            if (_heldBack is { } held)
            {
                Explain($"A {held.Notice.Code()} due on {Day(held.Since)} is held back by the {held.Hold.Reason} hold {Day(held.Hold.Period.Start)} to {Day(held.Hold.Period.End)}; it goes out on the first business day after the hold",
                    _account.UnpaidBalanceAt(c.AsAt), RecoverySources.Hold);
            }

            Explain($"Paid by {Day(c.AsAt)}", _account.PaidBy(c.AsAt), RecoverySources.AsAt);
            return new RecoveryTimeline(_actions, _explanation, _heldBack);
        }

        // The balance becomes payable at the start of its day, before the day's run (reg 23(3), (4)).
        private void StartOfDay(LocalDate day)
        {
            if (_balancePayableOn != day || _balanceRecorded)
            {
                return;
            }

            _balanceRecorded = true;
            var unpaid = _account.UnpaidBalanceAt(day);
            if (unpaid.IsZero)
            {
                Explain($"The year's balance was paid in full by {Day(day)}, so nothing became payable", Money.Zero, _balanceSource);
                _finished = true;
                return;
            }

            _actions.Add(new RecoveryAction(day, RecoveryStep.InstalmentsLost, unpaid, null, _balanceSource));
            Explain($"The right to pay by instalments is lost: the unpaid balance of the year is payable from {Day(day)}", unpaid, _balanceSource);
        }

        // A business day's run: at most one notice, unless a hold is in force.
        private void RunOn(LocalDate day)
        {
            if (c.Issued is { } issued && (day < c.AsAt || issued.Any(n => n.Date == day)))
            {
                Replay(day, issued);
                return;
            }

            RecoveryStep? notice = _balanceRecorded ? SummonsDue(day) : _finalNoticeDue ? RecoveryStep.FinalNotice : ReminderDue(day);
            if (notice is null)
            {
                _heldBack = null;
                return;
            }

            var hold = c.Holds.FirstOrDefault(h => h.Period.Contains(day));
            if (hold is not null)
            {
                _heldBack ??= new HeldNotice(day, hold, notice.Value);
                return;
            }

            switch (notice)
            {
                case RecoveryStep.Summons:
                    IssueSummons(day);
                    break;
                case RecoveryStep.FinalNotice:
                    IssueFinalNotice(day);
                    break;
                default:
                    IssueReminder(day);
                    break;
            }

            _heldBack = null;
        }

        // The run's record of what it issued is the fact: a notice went out on the day it was issued, so the
        // periods the law attaches to it run from that day (reg 23(3): "the day of issue").
        private void Replay(LocalDate day, IReadOnlyList<IssuedNotice> issued)
        {
            _heldBack = null;
            foreach (var notice in issued)
            {
                if (notice.Date != day || _finished)
                {
                    continue;
                }

                switch (notice.Step)
                {
                    case RecoveryStep.FirstReminder or RecoveryStep.SecondReminder when _remindersIssued < 2:
                        IssueReminder(day);
                        break;
                    case RecoveryStep.FinalNotice when _balancePayableOn is null:
                        IssueFinalNotice(day);
                        break;
                    case RecoveryStep.Summons:
                        var unpaid = _account.UnpaidBalanceAt(day);
                        _actions.Add(new RecoveryAction(day, RecoveryStep.Summons, unpaid, notice.Hearing, RecoverySources.Summons));
                        Explain($"Summons issued {Day(day)}" + (notice.Hearing is { } h ? $"; hearing at the court session on {Day(h)}" : ""), unpaid, RecoverySources.Summons);
                        _finished = true;
                        break;
                    default:
                        break;
                }
            }
        }

        // reg 33(1)-(2): where the sum is not an instalment default a reminder cannot cover (every instalment has
        // fallen due, reg 23(2)), a final notice must be served before a summons; reg 34(1) allows the application
        // once its sum is unpaid 7 days after issue.
        private void IssueFinalNotice(LocalDate day)
        {
            var arrears = _account.ArrearsAt(day);
            _finalNoticeDue = false;
            _actions.Add(new RecoveryAction(day, RecoveryStep.FinalNotice, arrears, null, RecoverySources.FinalNotice));
            Explain($"Final notice issued {Day(day)}{HeldBackNote()}: every instalment had fallen due by {Day(_account.LastDue)} and {arrears.ToDisplayString()} was unpaid, so no reminder could be served (reg 23(2)); the sum is to be paid within 7 days",
                arrears, RecoverySources.FinalNotice);
            _balancePayableOn = day.PlusDays(FinalNoticeDays);
            _balanceRecorded = true;
            _balanceSource = RecoverySources.FinalNoticeSummons;
        }

        // reg 23(1)-(2): a reminder once the earliest unpaid instalment is reminderDaysAfterDue days overdue, at most
        // two a year, none once all instalments have fallen due, none after the balance has become payable.
        private RecoveryStep? ReminderDue(LocalDate day)
        {
            if (_remindersIssued >= 2 || _openReminder is not null || _balancePayableOn is not null || day >= _account.LastDue)
            {
                return null;
            }

            return _account.EarliestUnpaidDue(day) is { } due && day >= due.PlusDays(c.Profile.ReminderDaysAfterDue)
                ? (_remindersIssued == 0 ? RecoveryStep.FirstReminder : RecoveryStep.SecondReminder)
                : null;
        }

        private void IssueReminder(LocalDate day)
        {
            var earliest = _account.EarliestUnpaidDue(day) ?? day;
            var lastDayToPay = day.PlusDays(ReminderPeriodDays - 1);
            var overdue = _account.ArrearsAt(day);
            var amount = _account.DueBy(lastDayToPay) - _account.PaidBy(day);
            var step = _remindersIssued == 0 ? RecoveryStep.FirstReminder : RecoveryStep.SecondReminder;
            _remindersIssued++;
            _openReminder = new OpenReminder(day, step);
            _actions.Add(new RecoveryAction(day, step, amount, null, RecoverySources.Reminder));
            Explain($"{(step == RecoveryStep.FirstReminder ? "First" : "Second")} reminder issued {Day(day)}{HeldBackNote()}: the instalment due {Day(earliest)} was still unpaid {c.Profile.ReminderDaysAfterDue} or more days after it fell due; {overdue.ToDisplayString()} overdue plus {(amount - overdue).ToDisplayString()} falling due by {Day(lastDayToPay)}, to be paid by {Day(lastDayToPay)}",
                amount, RecoverySources.Reminder);
        }

        private RecoveryStep? SummonsDue(LocalDate day)
        {
            var payable = _balancePayableOn!.Value;
            if (day < payable.PlusDays(c.Profile.SummonsDaysAfterBalanceDue))
            {
                return null;
            }

            var unpaid = _account.UnpaidBalanceAt(day);
            if (unpaid.IsZero)
            {
                Explain($"The balance was paid in full by {Day(day)}, before a summons was due", Money.Zero, RecoverySources.Summons);
                _finished = true;
                return null;
            }

            // reg 34(3): no application once six years have passed, beginning with the day the sum became due.
            if (day >= payable.PlusYears(LimitationYears))
            {
                Explain($"No summons: six years from {Day(payable)}, when the balance became payable, have passed by {Day(day)}", unpaid, RecoverySources.Limitation);
                _finished = true;
                return null;
            }

            return RecoveryStep.Summons;
        }

        private void IssueSummons(LocalDate day)
        {
            var unpaid = _account.UnpaidBalanceAt(day);
            var earliestHearing = day.PlusDays(c.Profile.MinimumDaysSummonsToHearing);
            var session = Array.FindIndex(_sessions, s => s >= earliestHearing);
            _finished = true;
            if (session < 0)
            {
                Explain($"No summons on {Day(day)}: no court session is on or after {Day(earliestHearing)}, {c.Profile.MinimumDaysSummonsToHearing} days after issue",
                    unpaid, RecoverySources.Summons);
                return;
            }

            var hearing = _sessions[session];
            _actions.Add(new RecoveryAction(day, RecoveryStep.Summons, unpaid, hearing, RecoverySources.Summons));
            Explain($"Summons issued {Day(day)}{HeldBackNote()}, {c.Profile.SummonsDaysAfterBalanceDue} or more days after the balance became payable on {Day(_balancePayableOn!.Value)}; hearing at the court session on {Day(hearing)}; costs are not included",
                unpaid, RecoverySources.Summons);
        }

        private void EndOfDay(LocalDate day)
        {
            // reg 23(3): the reminder's sums must be paid within the 7 days beginning with the day of issue.
            if (_openReminder is { } reminder && day == reminder.Issued.PlusDays(ReminderPeriodDays - 1))
            {
                _openReminder = null;
                if (_account.PaidBy(day) >= _account.DueBy(day))
                {
                    Explain($"The {(reminder.Step == RecoveryStep.FirstReminder ? "first" : "second")} reminder was complied with by {Day(day)}", _account.PaidBy(day), RecoverySources.Reminder);
                    if (reminder.Step == RecoveryStep.SecondReminder)
                    {
                        _thirdDefaultWatchAfter = day;
                    }
                }
                else
                {
                    // The failure is on the 8th day; a further 7 days beginning with it expire at the end of issue + 13.
                    _balancePayableOn = reminder.Issued.PlusDays(ReminderPeriodDays + FurtherPeriodDays);
                    _balanceSource = RecoverySources.ReminderFailed;
                    Explain($"The reminder of {Day(reminder.Issued)} was not complied with by {Day(day)}: the whole balance becomes payable on {Day(_balancePayableOn.Value)}",
                        _account.ArrearsAt(day), RecoverySources.ReminderFailed);
                }
            }

            // reg 23(4): after a second reminder has been complied with, any later instalment unpaid at the end of its
            // due day makes the whole balance payable the next day, with no reminder.
            if (_thirdDefaultWatchAfter is { } after && day > after && _balancePayableOn is null
                && _account.AnyFallsDueOn(day) && _account.PaidBy(day) < _account.DueBy(day))
            {
                _balancePayableOn = day.PlusDays(1);
                _balanceSource = RecoverySources.ThirdDefault;
                Explain($"The instalment due {Day(day)} was not paid on its due day after a second reminder was complied with: the whole balance becomes payable on {Day(_balancePayableOn.Value)}, with no reminder",
                    _account.ArrearsAt(day), RecoverySources.ThirdDefault);
            }

            // Once every instalment has fallen due with no reminder running and nothing payable, nothing more can follow.
            if (day >= _account.LastDue && _openReminder is null && _balancePayableOn is null && !_finalNoticeDue)
            {
                var arrears = _account.ArrearsAt(c.AsAt);
                if (c.FinalNotices && _account.ArrearsAt(day).IsPositive && day >= _account.LastDue.PlusDays(c.Profile.ReminderDaysAfterDue - 1))
                {
                    // The run serves a reg 33 final notice from the next business day on.
                    _finalNoticeDue = true;
                    return;
                }

                if (c.FinalNotices && day < _account.LastDue.PlusDays(c.Profile.ReminderDaysAfterDue - 1))
                {
                    return;
                }

                _finished = true;
                _heldBack = null;
                if (arrears.IsPositive)
                {
                    Explain($"No reminder can follow: every instalment had fallen due by {Day(_account.LastDue)} (reg 23(2)); the arrears need a final notice under reg 33 before a summons, which this timeline does not issue",
                        arrears, RecoverySources.NoReminderNeeded + "; " + RecoverySources.FinalNotice);
                }
            }
        }

        private string HeldBackNote() => _heldBack is { } held
            ? $" (due on {Day(held.Since)}, held back by the {held.Hold.Reason} hold {Day(held.Hold.Period.Start)} to {Day(held.Hold.Period.End)})"
            : "";

        private void Explain(string step, Money amount, string source) => _explanation.Add(new ExplanationStep(step, amount, source));

        private static string Day(LocalDate date) => DateText.LongForm.Format(date);
    }

    private sealed record OpenReminder(LocalDate Issued, RecoveryStep Step);
}
