using Reeve.Kernel;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery.Tests.Domain;

/// <summary>The engine as the daily run plays it: notices already issued are facts, and only the run date is new.</summary>
public class RecoveryRunModeTests
{
    private static RecoveryCaseBuilder TenMonthly() => new RecoveryCaseBuilder(2025).Monthly("2025-04-01", 10, "150.00");

    private static RecoveryTimeline PlayRun(RecoveryCaseBuilder builder, string runDate, params IssuedNotice[] issued) =>
        RecoveryEngine.Play(builder.AsAt(runDate) with { Issued = issued, FinalNotices = true }, WorkingDays.EnglandAndWales);

    private static string[] Lines(RecoveryTimeline timeline) =>
        [.. timeline.Actions.Select(a => $"{DateText.Iso.Format(a.Date)} {a.Step.Code()} {a.Amount}")];

    [Fact]
    public void A_reminder_issued_late_starts_its_own_seven_days_from_the_day_it_was_issued()
    {
        // reg 23(3): the periods run from the day of issue. The weekly run issued the May reminder on 13 May, not 8 May.
        var account = TenMonthly().Paid("2025-04-01", "150.00");

        var timeline = PlayRun(account, "2025-05-27", new IssuedNotice(RecoveryCaseBuilder.D("2025-05-13"), RecoveryStep.FirstReminder, null));

        Lines(timeline).ShouldBe(["2025-05-13 first-reminder 150.00", "2025-05-27 instalments-lost 1350.00"]);
    }

    [Fact]
    public void Before_the_run_date_nothing_is_issued_that_no_run_issued()
    {
        // A run on 20 May with no notice recorded issues the first reminder that day, not back-dated to 8 May.
        var timeline = PlayRun(TenMonthly().Paid("2025-04-01", "150.00"), "2025-05-20");

        Lines(timeline).ShouldBe(["2025-05-20 first-reminder 150.00"]);
    }

    [Fact]
    public void Arrears_once_every_instalment_has_fallen_due_get_a_final_notice_then_a_summons()
    {
        // reg 23(2): no reminder once all instalments have fallen due; reg 33 final notice; reg 34(1) summons once it is unpaid 7 days after issue.
        var account = TenMonthly().PaidMonthly("2025-04-01", 9, "150.00").Sessions("2026-03-10");

        var notice = PlayRun(account, "2026-01-08");
        var summons = PlayRun(account, "2026-01-29", new IssuedNotice(RecoveryCaseBuilder.D("2026-01-08"), RecoveryStep.FinalNotice, null));

        Lines(notice).ShouldBe(["2026-01-08 final-notice 150.00"]);
        notice.Actions[0].Source.ShouldContain("reg 33");
        Lines(summons).ShouldBe(["2026-01-08 final-notice 150.00", "2026-01-29 summons 150.00"]);
    }

    [Fact]
    public void A_notice_due_inside_a_hold_is_reported_as_held_back_with_the_hold()
    {
        // SI 2020/1311: no step during a Breathing Space moratorium.
        var timeline = PlayRun(TenMonthly().Paid("2025-04-01", "150.00").Held("2025-05-05", "2025-07-03", "breathing-space"), "2025-05-08");

        timeline.Actions.ShouldBeEmpty();
        timeline.HeldBack.ShouldNotBeNull().Hold.Reason.ShouldBe("breathing-space");
        timeline.HeldBack.Notice.ShouldBe(RecoveryStep.FirstReminder);
    }
}
