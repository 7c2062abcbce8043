namespace Reeve.Recovery.Domain;

/// <summary>
/// The timetable a council follows between a missed instalment and the magistrates' court. Each number is a
/// count of calendar days; notices then go out on the first business day that satisfies it.
/// </summary>
public sealed record RecoveryProfile(int ReminderDaysAfterDue, int SummonsDaysAfterBalanceDue, int MinimumDaysSummonsToHearing)
{
    /// <summary>
    /// The least interval SI 1998/295 reg 3 allows between service of a council tax summons and the hearing.
    /// </summary>
    public const int StatutoryMinimumDaysSummonsToHearing = 14;

    /// <summary>
    /// Council tax defaults. CTAE Regs 1992 reg 23(1) requires a reminder once an instalment is unpaid on its due
    /// day but fixes no delay; 7 days is the common practice the contract's example uses. Reg 34(1)-(2) lets the
    /// council apply for a summons once the balance payable under reg 23(3) or (4) is unpaid; 14 days gives the
    /// debtor time for a payment to clear. SI 1998/295 reg 3 requires at least 14 days from service of the
    /// summons to the hearing. Reg 33 (final notice, 7 days) applies only where no reg 23 notice was served.
    /// </summary>
    public static RecoveryProfile CouncilTax { get; } = new(
        ReminderDaysAfterDue: 7,
        SummonsDaysAfterBalanceDue: 14,
        MinimumDaysSummonsToHearing: StatutoryMinimumDaysSummonsToHearing);

    /// <summary>
    /// Business rates defaults. NNDR (Collection and Enforcement) (Local Lists) Regs 1989 (SI 1989/1058) reg 8:
    /// an unpaid instalment is followed by a notice, and if the sum is not paid within 7 days of it the whole balance
    /// becomes payable at the end of a further 7 days; regs 11-12 then allow a complaint to the magistrates. The
    /// rulebook (2.7) records the detail of the timings as mirroring council tax, unconfirmed, so the same numbers
    /// are used; a council sets its own in recovery_profile.
    /// </summary>
    public static RecoveryProfile BusinessRates { get; } = new(
        ReminderDaysAfterDue: 7,
        SummonsDaysAfterBalanceDue: 14,
        MinimumDaysSummonsToHearing: StatutoryMinimumDaysSummonsToHearing);
}
