using Reeve.Kernel;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery.Tests.Domain;

public class RecoveryEngineTests
{
    // A model account for 2025/26: ten instalments of £150.00 on the 1st of April 2025 to January 2026.
    private static RecoveryCaseBuilder TenMonthly() => new RecoveryCaseBuilder(2025).Monthly("2025-04-01", 10, "150.00");

    private static string[] Lines(RecoveryTimeline timeline) =>
        [.. timeline.Actions.Select(a => $"{DateText.Iso.Format(a.Date)} {a.Step.Code()} {a.Amount}"
            + (a.Hearing is { } h ? $" hearing {DateText.Iso.Format(h)}" : ""))];

    [Fact]
    public void An_account_paid_on_time_has_no_recovery_actions()
    {
        // CTAE Regs 1992 reg 23(1): a reminder is needed only when an instalment is not paid on or before its due day.
        var timeline = TenMonthly().PaidMonthly("2025-04-01", 10, "150.00").PlayTo("2026-03-31");

        timeline.Actions.ShouldBeEmpty();
        timeline.Explanation[^1].Amount.ShouldBe(RecoveryCaseBuilder.M("1500.00"));
    }

    [Fact]
    public void A_first_missed_instalment_gets_a_reminder_seven_days_after_its_due_date()
    {
        // reg 23(1): the reminder demands what is overdue plus what falls due within 7 days of issue.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").PlayTo("2025-05-10");

        Lines(timeline).ShouldBe(["2025-05-08 first-reminder 150.00"]);
        timeline.Actions[0].Source.ShouldContain("reg 23(1)");
    }

    [Fact]
    public void A_reminder_that_would_fall_on_a_Sunday_is_issued_on_the_Monday()
    {
        // reg 1(2): notices go out on business days; 1 June 2025 + 7 is Sunday 8 June, so Monday 9 June.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Paid("2025-05-01", "150.00").PlayTo("2025-06-10");

        Lines(timeline).ShouldBe(["2025-06-09 first-reminder 150.00"]);
    }

    [Fact]
    public void A_reminder_that_would_fall_on_Good_Friday_2025_waits_until_after_Easter_Monday()
    {
        // reg 1(2): Good Friday and Easter Monday are not business days; 11 April + 7 is Good Friday 18 April 2025.
        var timeline = new RecoveryCaseBuilder(2025).Monthly("2025-04-11", 10, "150.00").PlayTo("2025-04-30");

        Lines(timeline).ShouldBe(["2025-04-22 first-reminder 150.00"]);
    }

    [Fact]
    public void A_reminder_that_would_fall_on_Easter_Monday_2025_is_issued_the_next_day()
    {
        // reg 1(2): 14 April + 7 is Easter Monday 21 April 2025, a bank holiday.
        var timeline = new RecoveryCaseBuilder(2025).Monthly("2025-04-14", 10, "150.00").PlayTo("2025-04-30");

        Lines(timeline).ShouldBe(["2025-04-22 first-reminder 150.00"]);
    }

    [Fact]
    public void A_reminder_that_would_fall_on_Good_Friday_2026_waits_over_the_Easter_weekend()
    {
        // reg 1(2): with a 2-day profile, 1 April 2026 + 2 is Good Friday 3 April; then a weekend and Easter Monday 6 April.
        var timeline = new RecoveryCaseBuilder(2026).Monthly("2026-04-01", 10, "100.00").Profile(2, 14, 14).PlayTo("2026-04-10");

        Lines(timeline).ShouldBe(["2026-04-07 first-reminder 100.00"]);
    }

    [Fact]
    public void A_payment_before_the_reminder_day_brings_the_account_back_into_line()
    {
        // reg 23(1): a reminder is for sums still unpaid; paid by 6 May, nothing is left for the run on 8 May.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Paid("2025-05-06", "150.00").Paid("2025-06-01", "150.00")
            .PlayTo("2025-06-30");

        timeline.Actions.ShouldBeEmpty();
    }

    [Fact]
    public void A_complied_reminder_leads_to_nothing_until_the_next_miss_which_gets_a_second_reminder()
    {
        // reg 23(1): paid within the 7 days beginning with issue (8 to 14 May), so July's miss gets a second reminder.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Paid("2025-05-12", "150.00").Paid("2025-06-01", "150.00")
            .PlayTo("2025-07-10");

        Lines(timeline).ShouldBe(["2025-05-08 first-reminder 150.00", "2025-07-08 second-reminder 150.00"]);
    }

    [Fact]
    public void A_later_miss_after_a_complied_second_reminder_loses_instalments_the_next_day_with_no_reminder()
    {
        // reg 23(4): August's instalment (Friday 1 August) unpaid on its due day, so the balance is payable on Saturday 2
        // August; the summons follows 14 days later on the next business day, Monday 18 August.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Paid("2025-05-12", "150.00").Paid("2025-06-01", "150.00")
            .Paid("2025-07-10", "150.00").Sessions("2025-08-26", "2025-09-02").PlayTo("2025-09-30");

        Lines(timeline).ShouldBe([
            "2025-05-08 first-reminder 150.00",
            "2025-07-08 second-reminder 150.00",
            "2025-08-02 instalments-lost 900.00",
            "2025-08-18 summons 900.00 hearing 2025-09-02",
        ]);
        timeline.Actions[2].Source.ShouldContain("reg 23(4)");
    }

    [Fact]
    public void A_failed_reminder_loses_instalments_fourteen_days_after_issue_and_a_summons_follows()
    {
        // reg 23(3): unpaid by 14 May, the balance is payable on 22 May (issue + 14); reg 34 and SI 1998/295 reg 3: summons
        // on 5 June and a hearing at the first session at least 14 days later (19 June, not 17 June).
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Sessions("2025-06-17", "2025-06-19", "2025-07-01")
            .PlayTo("2025-06-30");

        Lines(timeline).ShouldBe([
            "2025-05-08 first-reminder 150.00",
            "2025-05-22 instalments-lost 1350.00",
            "2025-06-05 summons 1350.00 hearing 2025-06-19",
        ]);
        timeline.Actions[1].Source.ShouldContain("reg 23(3)");
        timeline.Actions[2].Source.ShouldContain("SI 1998/295");
    }

    [Fact]
    public void A_late_payment_after_a_failed_reminder_does_not_save_the_instalments_but_reduces_the_summons()
    {
        // reg 23(3): failure on 15 May is final; the summons is for the balance still unpaid on its day.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Paid("2025-05-16", "150.00").Paid("2025-05-30", "200.00")
            .Sessions("2025-06-19").PlayTo("2025-06-30");

        Lines(timeline).ShouldBe([
            "2025-05-08 first-reminder 150.00",
            "2025-05-22 instalments-lost 1200.00",
            "2025-06-05 summons 1000.00 hearing 2025-06-19",
        ]);
    }

    [Fact]
    public void A_balance_paid_in_full_before_the_summons_day_stops_the_summons()
    {
        // reg 34(1): a summons is only for a sum payable and unpaid.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Paid("2025-06-02", "1350.00").Sessions("2025-06-19")
            .PlayTo("2025-06-30");

        Lines(timeline).ShouldBe(["2025-05-08 first-reminder 150.00", "2025-05-22 instalments-lost 1350.00"]);
        timeline.Explanation.ShouldContain(s => s.Step.Contains("paid in full"));
    }

    [Fact]
    public void No_summons_is_issued_when_no_court_session_is_fourteen_days_away_and_the_explanation_says_why()
    {
        // SI 1998/295 reg 3: the only session, 18 June, is 13 days after the summons day of 5 June.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Sessions("2025-06-18").PlayTo("2025-06-30");

        Lines(timeline).ShouldBe(["2025-05-08 first-reminder 150.00", "2025-05-22 instalments-lost 1350.00"]);
        timeline.Explanation.ShouldContain(s => s.Step.StartsWith("No summons") && s.Step.Contains("19 June 2025"));
    }

    [Fact]
    public void A_hold_delays_a_reminder_to_the_first_business_day_after_it()
    {
        // Contract: nothing is issued inside a hold. The hold ends Friday 23 May; Monday 26 May is the Spring bank
        // holiday, so Tuesday 27 May; June's instalment (1 June) now falls within the reminder's 7 days (reg 23(1)).
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Held("2025-05-06", "2025-05-23", "breathing-space")
            .PlayTo("2025-05-31");

        Lines(timeline).ShouldBe(["2025-05-27 first-reminder 300.00"]);
        timeline.Explanation.ShouldContain(s => s.Step.Contains("held back by the breathing-space hold"));
    }

    [Fact]
    public void A_hold_delays_a_summons_but_not_the_day_the_balance_becomes_payable()
    {
        // reg 23(3) fixes the day the balance is payable by law; the hold only stops the council issuing the summons.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Held("2025-05-20", "2025-06-30", "dispute")
            .Sessions("2025-07-14", "2025-07-15").PlayTo("2025-07-31");

        Lines(timeline).ShouldBe([
            "2025-05-08 first-reminder 150.00",
            "2025-05-22 instalments-lost 1350.00",
            "2025-07-01 summons 1350.00 hearing 2025-07-15",
        ]);
    }

    [Fact]
    public void A_summons_held_back_for_six_years_is_barred_by_limitation()
    {
        // reg 34(3): no application once six years have passed from the day the balance became payable (22 May 2025).
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").Held("2025-06-01", "2031-06-01", "dispute")
            .Sessions("2031-07-01").PlayTo("2031-12-31");

        Lines(timeline).ShouldBe(["2025-05-08 first-reminder 150.00", "2025-05-22 instalments-lost 1350.00"]);
        timeline.Explanation.ShouldContain(s => s.Source.Contains("reg 34(3)"));
    }

    [Fact]
    public void No_reminder_is_issued_once_all_instalments_have_fallen_due()
    {
        // reg 23(2): January's instalment is the last; by 8 January every instalment has fallen due, so no reminder,
        // and the explanation points to a reg 33 final notice.
        var timeline = TenMonthly().PaidMonthly("2025-04-01", 9, "150.00").PlayTo("2026-03-31");

        timeline.Actions.ShouldBeEmpty();
        timeline.Explanation.ShouldContain(s => s.Source.Contains("reg 33") && s.Amount == RecoveryCaseBuilder.M("150.00"));
    }

    [Fact]
    public void A_missed_last_instalment_whose_reminder_day_is_Good_Friday_2026_gets_no_reminder()
    {
        // reg 23(2): twelve instalments to 27 March 2026; its reminder day would be after every instalment has fallen due.
        new RecoveryCaseBuilder(2025).Monthly("2025-04-27", 12, "100.00").PaidMonthly("2025-04-27", 11, "100.00")
            .PlayTo("2026-04-30").Actions.ShouldBeEmpty();
    }

    [Fact]
    public void A_reminder_is_not_repeated_while_its_seven_days_are_running()
    {
        // reg 23(1): the reminder of 2 April already demands the instalment due 3 April; paid in full by 8 April it is
        // complied with, and no second reminder follows.
        var timeline = new RecoveryCaseBuilder(2025).Due("2025-04-01", "100.00").Due("2025-04-03", "100.00").Due("2025-05-01", "100.00")
            .Profile(1, 14, 14).Paid("2025-04-03", "100.00").Paid("2025-04-08", "100.00").Paid("2025-05-01", "100.00")
            .PlayTo("2025-05-31");

        Lines(timeline).ShouldBe(["2025-04-02 first-reminder 200.00"]);
        timeline.Explanation.ShouldContain(s => s.Step.StartsWith("The first reminder was complied with"));
    }

    [Fact]
    public void Actions_after_the_as_at_date_are_not_returned()
    {
        // Contract: recovery runs up to and including asAt; the balance payable on 22 May is not yet an action on 21 May.
        var timeline = TenMonthly().Paid("2025-04-01", "150.00").PlayTo("2025-05-21");

        Lines(timeline).ShouldBe(["2025-05-08 first-reminder 150.00"]);
        timeline.Explanation.ShouldContain(s => s.Step.Contains("becomes payable on 22 May 2025"));
    }

    [Fact]
    public void Payments_meet_instalments_in_due_date_order_so_a_part_payment_leaves_the_earliest_unpaid()
    {
        // Contract: payments meet instalments in due-date order; £200 covers April and half of May.
        var timeline = TenMonthly().Paid("2025-04-01", "200.00").PlayTo("2025-05-10");

        Lines(timeline).ShouldBe(["2025-05-08 first-reminder 100.00"]);
    }
}
