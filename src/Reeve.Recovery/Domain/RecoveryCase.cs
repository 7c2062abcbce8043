using NodaTime;
using Reeve.Kernel;

namespace Reeve.Recovery.Domain;

/// <summary>A payment received on an account, counted from its date.</summary>
internal sealed record Payment(LocalDate Date, Money Amount);

/// <summary>
/// A period (inclusive of both ends) in which nothing may be issued on the account: an arrangement, a dispute, a
/// Breathing Space moratorium (SI 2020/1311), an officer's hold.
/// </summary>
internal sealed record Hold(DateInterval Period, string Reason);

/// <summary>A notice the council has already issued on the account's year, as the run recorded it.</summary>
internal sealed record IssuedNotice(LocalDate Date, RecoveryStep Step, LocalDate? Hearing);

/// <summary>
/// Everything the engine needs to play one account's financial year up to an as-at date.
/// <para><see cref="Issued"/> is null for the calculator, which plays every business day as a run day. The recovery
/// run passes the notices already issued: before the as-at date those are the facts (a notice was issued on the
/// day the run issued it, whatever a replay would say now), and only the as-at date is worked out afresh.</para>
/// <para><see cref="FinalNotices"/> lets the run serve a reg 33 final notice where every instalment has fallen due
/// and no reminder can be served; the calculator's contract ends the timeline there instead.</para>
/// </summary>
internal sealed record RecoveryCase(
    FinancialYear Year,
    IReadOnlyList<Instalment> Instalments,
    IReadOnlyList<Payment> Payments,
    RecoveryProfile Profile,
    IReadOnlyList<LocalDate> CourtSessions,
    IReadOnlyList<Hold> Holds,
    LocalDate AsAt,
    IReadOnlyList<IssuedNotice>? Issued = null,
    bool FinalNotices = false);
