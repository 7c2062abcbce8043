using NodaTime;
using Reeve.Cases.Domain;

namespace Reeve.Cases.Tests.Domain;

public sealed class CaseClockTests
{
    private static ClockRule Rule(CaseKind kind, LocalDate received) => StatutoryClocks.InForce(kind, received).ShouldNotBeNull();

    private static LocalDate? Deadline(CaseKind kind, LocalDate received, bool extended = false, params ClockPause[] pauses) =>
        CaseClock.Read(Rule(kind, received), received, pauses, extended).Deadline;

    // FOIA 2000 s10(1): the twentieth working day following the day of receipt. Good Friday (3 April 2026), Easter Monday
    // (6 April) and the early May bank holiday (4 May) are not working days.
    [Fact]
    public void Foi_received_before_easter_is_due_twenty_working_days_later_skipping_the_bank_holidays() =>
        Deadline(CaseKind.Foi, new LocalDate(2026, 4, 2)).ShouldBe(new LocalDate(2026, 5, 5));

    // Christmas Day (Friday 25 December 2026) and Boxing Day's substitute (Monday 28 December) are skipped.
    [Fact]
    public void Foi_received_on_1_december_is_due_on_31_december_across_christmas() =>
        Deadline(CaseKind.Foi, new LocalDate(2026, 12, 1)).ShouldBe(new LocalDate(2026, 12, 31));

    // s10(6): a bank holiday "in any part of the United Kingdom": Scotland's 2 January, observed on Monday 4 January 2027,
    // is not a working day for an FOI request in England, though it is for the council's own complaints clock.
    [Fact]
    public void Foi_across_new_year_also_skips_scotland_s_2_january_holiday()
    {
        Deadline(CaseKind.Foi, new LocalDate(2026, 12, 14)).ShouldBe(new LocalDate(2027, 1, 15));
        CaseCalendars.IsWorkingDay(ClockCalendar.EnglandAndWales, new LocalDate(2027, 1, 4)).ShouldBeTrue();
        CaseCalendars.IsWorkingDay(ClockCalendar.AnyPartOfUk, new LocalDate(2027, 1, 4)).ShouldBeFalse();
    }

    [Fact]
    public void Scotland_and_northern_ireland_holidays_take_substitute_days_after_a_weekend()
    {
        // 2022: New Year's Day a Saturday (England and Wales: Monday 3rd), so Scotland's 2 January falls on Tuesday 4th.
        CaseCalendars.OtherUkBankHolidays(2022).ShouldContain(new LocalDate(2022, 1, 4));
        // St Patrick's Day 2024 was a Sunday: Monday 18 March. The Boyne 2026 is a Sunday: Monday 13 July.
        CaseCalendars.OtherUkBankHolidays(2024).ShouldContain(new LocalDate(2024, 3, 18));
        CaseCalendars.OtherUkBankHolidays(2026).ShouldContain(new LocalDate(2026, 7, 13));
    }

    // s10(2): the working days from the day the fees notice is given (Thursday 3 December) to the day the fee arrives
    // (Tuesday 8 December) are disregarded: four working days, so the deadline moves past Christmas and New Year.
    [Fact]
    public void Foi_waiting_for_a_fee_does_not_count_the_days_from_notice_to_payment() =>
        Deadline(CaseKind.Foi, new LocalDate(2026, 12, 1), false,
            new ClockPause(PauseReason.Fee, new LocalDate(2026, 12, 3), new LocalDate(2026, 12, 8))).ShouldBe(new LocalDate(2027, 1, 8));

    // s1(3) with s10(6)(b): after a reasonable request for clarification the request counts as received when it arrives.
    [Fact]
    public void Foi_clarification_starts_the_clock_again_from_the_day_it_arrives() =>
        Deadline(CaseKind.Foi, new LocalDate(2026, 12, 1), false,
            new ClockPause(PauseReason.Clarification, new LocalDate(2026, 12, 2), new LocalDate(2026, 12, 14))).ShouldBe(new LocalDate(2027, 1, 15));

    [Fact]
    public void A_clock_paused_and_not_yet_resumed_has_no_deadline()
    {
        var reading = CaseClock.Read(Rule(CaseKind.Foi, new LocalDate(2026, 12, 1)), new LocalDate(2026, 12, 1),
            [new ClockPause(PauseReason.Fee, new LocalDate(2026, 12, 3), null)], false);
        reading.Paused.ShouldBeTrue();
        reading.Working.ShouldContain(w => w.Contains("Paused since 3 December 2026"));
        CaseClock.DescribeDaysLeft(reading.Deadline, new LocalDate(2026, 12, 4)).ShouldBe("Paused");
    }

    // UK GDPR Art 12(3): one month, to the corresponding day; February 2028 has no 31st, so its last day, the 29th.
    [Fact]
    public void Subject_access_received_on_31_january_is_due_on_the_last_day_of_february() =>
        Deadline(CaseKind.SubjectAccess, new LocalDate(2028, 1, 31)).ShouldBe(new LocalDate(2028, 2, 29));

    // 28 February 2027 is a Sunday: the ICO's guidance gives until the next working day.
    [Fact]
    public void Subject_access_due_on_a_sunday_is_due_on_the_monday_after()
    {
        var reading = CaseClock.Read(Rule(CaseKind.SubjectAccess, new LocalDate(2027, 1, 31)), new LocalDate(2027, 1, 31), [], false);
        reading.Deadline.ShouldBe(new LocalDate(2027, 3, 1));
        reading.Working.ShouldContain("28 February 2027 is not a working day, so the deadline is the next working day");
    }

    // Art 12(3): two further months for complex or numerous requests: three months from receipt.
    [Fact]
    public void Subject_access_extended_is_due_three_months_after_receipt() =>
        Deadline(CaseKind.SubjectAccess, new LocalDate(2027, 1, 31), extended: true).ShouldBe(new LocalDate(2027, 4, 30));

    // The requester must be told of an extension within the first month.
    [Fact]
    public void Subject_access_extension_is_refused_after_the_first_month()
    {
        var rule = Rule(CaseKind.SubjectAccess, new LocalDate(2027, 1, 31));
        var reading = CaseClock.Read(rule, new LocalDate(2027, 1, 31), [], false);
        CaseClock.RefuseExtension(rule, reading, new LocalDate(2027, 3, 1)).ShouldBeNull();
        CaseClock.RefuseExtension(rule, reading, new LocalDate(2027, 3, 2)).ShouldNotBeNull().ShouldContain("1 March 2027");
    }

    // DUAA 2025 s76: the month runs from the day proof of identity arrives.
    [Fact]
    public void Subject_access_month_runs_from_the_day_identity_is_proven() =>
        Deadline(CaseKind.SubjectAccess, new LocalDate(2026, 3, 15), false,
            new ClockPause(PauseReason.Identity, new LocalDate(2026, 3, 16), new LocalDate(2026, 3, 20))).ShouldBe(new LocalDate(2026, 4, 20));

    // A request received before 5 February 2026 has the clock then in force: no statutory pause for clarification.
    [Fact]
    public void Subject_access_clock_is_dated_and_a_request_keeps_the_one_in_force_when_received()
    {
        Rule(CaseKind.SubjectAccess, new LocalDate(2026, 2, 4)).EffectOf(PauseReason.Clarification).ShouldBe(PauseEffect.NotAllowed);
        Rule(CaseKind.SubjectAccess, new LocalDate(2026, 2, 5)).EffectOf(PauseReason.Clarification).ShouldBe(PauseEffect.Suspends);
    }

    // EIR 2004 reg 7(1): 40 working days for complex and voluminous requests.
    [Fact]
    public void Eir_extended_for_a_complex_request_is_due_forty_working_days_after_receipt()
    {
        Deadline(CaseKind.Eir, new LocalDate(2026, 12, 1)).ShouldBe(new LocalDate(2026, 12, 31));
        Deadline(CaseKind.Eir, new LocalDate(2026, 12, 1), extended: true).ShouldBe(new LocalDate(2027, 2, 1));
    }

    [Fact]
    public void Foi_has_no_extension()
    {
        var rule = Rule(CaseKind.Foi, new LocalDate(2026, 12, 1));
        CaseClock.RefuseExtension(rule, CaseClock.Read(rule, new LocalDate(2026, 12, 1), [], false), new LocalDate(2026, 12, 2)).ShouldNotBeNull();
        Should.Throw<ArgumentException>(() => CaseClock.Read(rule, new LocalDate(2026, 12, 1), [], true));
    }

    // The council's default complaint stage 1: 10 working days in England and Wales (4 January 2027 counts).
    [Fact]
    public void Complaint_stage_one_is_ten_council_working_days_and_stage_two_twenty()
    {
        var stages = CouncilClocks.InForce([], CaseKind.Complaint, new LocalDate(2026, 12, 21));
        stages.Select(s => s.WorkingDays).ShouldBe([10, 20]);
        CaseClock.Read(CouncilClocks.AsRule(stages[0], 2), new LocalDate(2026, 12, 21), [], false).Deadline.ShouldBe(new LocalDate(2027, 1, 7));
        CaseClock.Read(CouncilClocks.AsRule(stages[1], 2), new LocalDate(2027, 1, 7), [], false).Deadline.ShouldBe(new LocalDate(2027, 2, 4));
    }

    [Fact]
    public void A_council_s_own_stages_replace_the_default_from_their_date()
    {
        var own = new[] { new CouncilClockStage(CaseKind.Complaint, 1, "Stage 1", 5, new LocalDate(2027, 1, 1)) };
        CouncilClocks.InForce(own, CaseKind.Complaint, new LocalDate(2026, 12, 31)).Count.ShouldBe(2);
        CouncilClocks.InForce(own, CaseKind.Complaint, new LocalDate(2027, 1, 1)).ShouldHaveSingleItem().WorkingDays.ShouldBe(5);
    }

    [Fact]
    public void Days_left_reads_as_officers_say_it()
    {
        var today = new LocalDate(2026, 12, 10);
        CaseClock.DescribeDaysLeft(new LocalDate(2026, 12, 10), today).ShouldBe("Due today");
        CaseClock.DescribeDaysLeft(new LocalDate(2026, 12, 13), today).ShouldBe("3 days left");
        CaseClock.DescribeDaysLeft(new LocalDate(2026, 12, 8), today).ShouldBe("2 days overdue");
    }
}
