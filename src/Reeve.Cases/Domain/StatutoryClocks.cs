using NodaTime;

namespace Reeve.Cases.Domain;

/// <summary>How a clock counts: working days after the day it starts, or calendar months to the corresponding day.</summary>
public enum ClockBasis
{
    WorkingDays,
    CalendarMonths,
}

/// <summary>
/// What a pause does to a clock: it may not be paused for that reason; the clock starts again from the day the pause
/// ends (the request is treated as received then); or the days paused are not counted.
/// </summary>
public enum PauseEffect
{
    NotAllowed,
    Restarts,
    Suspends,
}

/// <summary>
/// One clock as the law (or the council's policy) sets it for requests received from <see cref="EffectiveFrom"/> to
/// <see cref="EffectiveTo"/>: its count, the longer count an extension allows, the calendar, what each pause does, and
/// where each comes from. A change in the law is a new row, so a request keeps the clock in force when it was received.
/// </summary>
public sealed record ClockRule(
    CaseKind Kind,
    LocalDate EffectiveFrom,
    LocalDate? EffectiveTo,
    ClockBasis Basis,
    int Period,
    int? ExtendedPeriod,
    ClockCalendar Calendar,
    bool MovesToNextWorkingDay,
    IReadOnlyDictionary<PauseReason, PauseEffect> Pauses,
    string Source,
    string? ExtensionSource,
    string? PauseSource)
{
    public PauseEffect EffectOf(PauseReason reason) => Pauses.GetValueOrDefault(reason, PauseEffect.NotAllowed);

    public bool Covers(LocalDate received) => received >= EffectiveFrom && (EffectiveTo is null || received <= EffectiveTo);

    public string Describe() => Basis switch
    {
        ClockBasis.WorkingDays => $"{Period} working days" + (ExtendedPeriod is { } e ? $", {e} if extended" : ""),
        ClockBasis.CalendarMonths => (Period == 1 ? "one calendar month" : $"{Period} calendar months") + (ExtendedPeriod is { } m ? $", {m} months if extended" : ""),
    };
}

/// <summary>
/// The statutory clocks, dated, with their sources. Complaints and members' enquiries have no statutory clock: the
/// council's policy sets them (<see cref="CouncilClocks"/>).
/// </summary>
public static class StatutoryClocks
{
    public static IReadOnlyList<ClockRule> Rules { get; } =
    [
        // FOIA 2000 s10(1): "not later than the twentieth working day following the date of receipt"; s10(6) defines
        // a working day as not a weekend, Christmas Day, Good Friday or a bank holiday in any part of the UK. s1(3) with
        // s10(6)(b): where the authority reasonably asks for more detail, the date of receipt is the day it arrives (the
        // clock starts again). s10(2): the working days from the fees notice to the day the fee is received are disregarded.
        new(CaseKind.Foi, new LocalDate(2005, 1, 1), null, ClockBasis.WorkingDays, 20, null, ClockCalendar.AnyPartOfUk, false,
            new Dictionary<PauseReason, PauseEffect> { [PauseReason.Clarification] = PauseEffect.Restarts, [PauseReason.Fee] = PauseEffect.Suspends },
            "Freedom of Information Act 2000 s10(1) and (6)", null,
            "s1(3) and s10(6)(b) (clarification: the request counts as received when it arrives); s10(2) (fee: the days waiting are not counted)"),

        // EIR 2004 reg 5(2): as soon as possible and no later than 20 working days after the date of receipt; reg 7(1):
        // 40 working days where the complexity and volume make 20 impracticable; reg 9(4): when the authority asks for
        // more particulars, the 20 days run from the day they are received. Working day: reg 2(1), as FOIA s10(6).
        new(CaseKind.Eir, new LocalDate(2005, 1, 1), null, ClockBasis.WorkingDays, 20, 40, ClockCalendar.AnyPartOfUk, false,
            new Dictionary<PauseReason, PauseEffect> { [PauseReason.Clarification] = PauseEffect.Restarts },
            "Environmental Information Regulations 2004 reg 5(2)", "reg 7(1) (complex and voluminous requests: 40 working days)",
            "reg 9(4) (more particulars: the request counts as received when they arrive)"),

        // UK GDPR Art 12(3): without undue delay and within one month of receipt, extendable by two further months for
        // complex or numerous requests, telling the requester within the first month. The month ends on the corresponding
        // day (or the month's last day when it has none); the ICO's right of access guidance moves a deadline on a weekend
        // or bank holiday to the next working day. Until the Data (Use and Access) Act 2025 the ICO's guidance said the
        // clock starts only once proof of identity is received.
        new(CaseKind.SubjectAccess, new LocalDate(2018, 5, 25), new LocalDate(2026, 2, 4), ClockBasis.CalendarMonths, 1, 3, ClockCalendar.EnglandAndWales, true,
            new Dictionary<PauseReason, PauseEffect> { [PauseReason.Identity] = PauseEffect.Restarts },
            "UK GDPR Art 12(3) (one month)", "Art 12(3) (two further months, the requester told within the first month)",
            "ICO right of access guidance (the month runs from receipt of proof of identity)"),

        // From 5 February 2026 DUAA 2025 s76 puts the "stop the clock" in statute: the month runs from the day proof of
        // identity (or a fee, where one is allowed) is received, and the clock is paused while the controller waits for
        // clarification it reasonably needs.
        new(CaseKind.SubjectAccess, new LocalDate(2026, 2, 5), null, ClockBasis.CalendarMonths, 1, 3, ClockCalendar.EnglandAndWales, true,
            new Dictionary<PauseReason, PauseEffect> { [PauseReason.Identity] = PauseEffect.Restarts, [PauseReason.Clarification] = PauseEffect.Suspends },
            "UK GDPR Art 12(3) (one month)", "Art 12(3) (two further months, the requester told within the first month)",
            "UK GDPR Art 12 as amended by the Data (Use and Access) Act 2025 s76 (identity: the month runs from its receipt; clarification: the clock stops)"),
    ];

    /// <summary>The statutory clock for a request of this kind received on this day, or null when the kind has none.</summary>
    public static ClockRule? InForce(CaseKind kind, LocalDate received) =>
        Rules.FirstOrDefault(r => r.Kind == kind && r.Covers(received));
}

/// <summary>One stage of a council's own clock: a complaint stage, or the deadline for members' enquiries.</summary>
public sealed record CouncilClockStage(CaseKind Kind, int Stage, string Name, int WorkingDays, LocalDate EffectiveFrom);

/// <summary>
/// The council's own clocks, which no statute sets: complaint stages (escalated one to the next, then to the Local
/// Government and Social Care Ombudsman, Local Government Act 1974 s26B) and members' enquiries. Council data, dated;
/// a council with none has Reeve's default.
/// </summary>
public static class CouncilClocks
{
    public static IReadOnlyList<CouncilClockStage> Defaults { get; } =
    [
        new(CaseKind.Complaint, 1, "Stage 1: the service looks again", 10, new LocalDate(2000, 1, 1)),
        new(CaseKind.Complaint, 2, "Stage 2: review by a senior officer", 20, new LocalDate(2000, 1, 1)),
        new(CaseKind.CouncillorEnquiry, 1, "Councillor enquiry", 10, new LocalDate(2000, 1, 1)),
        new(CaseKind.MpEnquiry, 1, "MP enquiry", 10, new LocalDate(2000, 1, 1)),
    ];

    public static bool IsCouncilKind(CaseKind kind) => kind is CaseKind.Complaint or CaseKind.CouncillorEnquiry or CaseKind.MpEnquiry;

    /// <summary>The stages in force on a day for a kind: the council's own rows when it has any for that kind, else the default.</summary>
    public static IReadOnlyList<CouncilClockStage> InForce(IReadOnlyList<CouncilClockStage> councilRows, CaseKind kind, LocalDate on)
    {
        var own = councilRows.Where(r => r.Kind == kind && r.EffectiveFrom <= on).ToList();
        var rows = own.Count > 0 ? own : Defaults.Where(r => r.Kind == kind).ToList();
        return rows.GroupBy(r => r.Stage).Select(g => g.OrderBy(r => r.EffectiveFrom).Last()).OrderBy(r => r.Stage).ToList();
    }

    /// <summary>A stage as a clock: working days in England and Wales; a pause for clarification stops it.</summary>
    public static ClockRule AsRule(CouncilClockStage stage, int lastStage) =>
        new(stage.Kind, stage.EffectiveFrom, null, ClockBasis.WorkingDays, stage.WorkingDays, null, ClockCalendar.EnglandAndWales, false,
            new Dictionary<PauseReason, PauseEffect> { [PauseReason.Clarification] = PauseEffect.Suspends },
            stage.Kind == CaseKind.Complaint
                ? $"the council's complaints policy, stage {stage.Stage} of {lastStage}: {stage.Name}"
                : $"the council's policy for {stage.Name.ToLowerInvariant()}s",
            null, "the council's policy (the clock stops while waiting for the complainant)");
}
