using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;

namespace Reeve.Recovery.Domain;

/// <summary>A payment received on an account, counted from its date.</summary>
internal sealed record Payment(LocalDate Date, Money Amount);

/// <summary>
/// A period (inclusive of both ends) in which nothing may be issued on the account: an arrangement, a dispute, a
/// Breathing Space moratorium (SI 2020/1311), an officer's hold.
/// </summary>
internal sealed record Hold(DateInterval Period, string Reason);

/// <summary>Everything the engine needs to play one account's financial year up to an as-at date.</summary>
internal sealed record RecoveryCase(
    FinancialYear Year,
    IReadOnlyList<Instalment> Instalments,
    IReadOnlyList<Payment> Payments,
    RecoveryProfile Profile,
    IReadOnlyList<LocalDate> CourtSessions,
    IReadOnlyList<Hold> Holds,
    LocalDate AsAt);
