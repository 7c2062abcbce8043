using NodaTime;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>One liability: a council tax account for a dwelling, later a rates account, a sundry invoice account and so on.</summary>
public sealed record Account(
    CouncilId Council,
    long AccountId,
    AccountReference Reference,
    AccountKind Kind,
    long? Uprn,
    LocalDate OpenedOn,
    LocalDate? ClosedOn,
    string PaymentMethod,
    int Version);

/// <summary>A party's liability on an account, with its dates (end inclusive, open while null).</summary>
public sealed record AccountParty(long AccountId, long PartyId, string Role, LocalDate LiableFrom, LocalDate? LiableTo);

/// <summary>Something that happened to an account, for its timeline: who, when, what and under which rule.</summary>
public sealed record AccountEvent(
    long EventId,
    long AccountId,
    Instant OccurredAt,
    LocalDate EffectiveDate,
    string Kind,
    string Summary,
    string Officer,
    string? SourceRule);
