using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>
/// A resident's interest in the dwelling, in the order of LGFA 1992 s6(2)(a)-(e): the first category anyone
/// on the day falls into is liable.
/// </summary>
public enum Interest
{
    Freeholder = 1,
    Leaseholder = 2,
    Tenant = 3,
    Licensee = 4,
    OtherResident = 5,
}

/// <summary>
/// A person aged 18 or over living in the dwelling as their sole or main residence, from a date, with their
/// interest. <see cref="PartnerOf"/> names a resident they are married to or in a civil partnership with
/// (jointly liable under s9). The end date is inclusive; null while they still live there.
/// </summary>
public sealed record Residence(long PartyId, LocalDate From, LocalDate? To, Interest Interest, long? PartnerOf = null);

/// <summary>A period in which a resident is disregarded for discounts (LGFA 1992 Sch 1), in a named category.</summary>
public sealed record Disregard(long PartyId, string Category, LocalDate From, LocalDate? To)
{
    /// <summary>Severe mental impairment also removes a person from joint liability where someone else qualifies (s6(4)).</summary>
    public bool IsSevereMentalImpairment => Category == DisregardCategories.SevereMentalImpairment;
}

/// <summary>An owner: the person with the material interest (freehold, or a lease of six months or more), s6(5).</summary>
public sealed record Ownership(long PartyId, LocalDate From, LocalDate? To);

public sealed record BandChange(LocalDate EffectiveFrom, Band Band);

public sealed record ExemptionAward(string Class, LocalDate From, LocalDate? To);

/// <summary>
/// A period in which the owner, not the residents, is liable because the dwelling is of a prescribed class
/// (houses in multiple occupation, care homes, religious communities and so on):
/// Council Tax (Liability for Owners) Regulations 1992 (SI 1992/551) reg 2.
/// </summary>
public sealed record OwnerLiablePeriod(string Class, LocalDate From, LocalDate? To);

public sealed record DisabledReductionAward(LocalDate From, LocalDate? To);

/// <summary>A premium the council has determined applies: long-term empty since a date, or a second home at a percent.</summary>
public sealed record PremiumAward(Premium Premium, LocalDate From, LocalDate? To);

/// <summary>
/// A Council Tax Reduction award to a liable party: a percentage of their charge under the council's scheme,
/// or a manual award of an annual amount (a discretionary reduction under s13A(1)(c), or a scheme award worked
/// out elsewhere), apportioned by day like the charge.
/// </summary>
public sealed record ReductionAward(long PartyId, int Percent, LocalDate From, LocalDate? To, Money? AnnualAmount = null);

/// <summary>A period in which an unoccupied dwelling is in one of the prescribed classes A to D for local discounts (s11A).</summary>
public sealed record LocalDiscountAward(string Class, LocalDate From, LocalDate? To);

/// <summary>Everything that decides who is liable for a dwelling and for how much, as recorded.</summary>
public sealed record DwellingFacts(
    long Uprn,
    IReadOnlyList<BandChange> Bands,
    IReadOnlyList<Residence> Residents,
    IReadOnlyList<Disregard> Disregards,
    IReadOnlyList<Ownership> Owners,
    IReadOnlyList<ExemptionAward> Exemptions,
    IReadOnlyList<OwnerLiablePeriod> OwnerLiable,
    IReadOnlyList<DisabledReductionAward> DisabledReductions,
    IReadOnlyList<PremiumAward> Premiums,
    IReadOnlyList<ReductionAward> Reductions,
    IReadOnlyList<LocalDiscountAward>? LocalDiscounts = null)
{
    public IReadOnlyList<LocalDiscountAward> LocalDiscountClasses => LocalDiscounts ?? [];

    public static DwellingFacts Empty(long uprn, Band band, LocalDate bandFrom) =>
        new(uprn, [new BandChange(bandFrom, band)], [], [], [], [], [], [], [], []);
}

public static class DisregardCategories
{
    public const string SevereMentalImpairment = "severe-mental-impairment";

    /// <summary>The Sch 1 categories, by the names officers use.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "detained", SevereMentalImpairment, "child-benefit", "school-or-college-leaver", "student", "student-nurse",
        "foreign-language-assistant", "apprentice", "youth-trainee", "hospital-patient", "care-home-resident",
        "care-worker", "resident-carer", "hostel-resident", "religious-community", "visiting-forces", "diplomat",
        "student-spouse-or-dependant",
    ];
}

internal static class Periods
{
    public static bool Covers(LocalDate from, LocalDate? to, LocalDate day) => day >= from && (to is null || day <= to.Value);

    public static bool Overlap(LocalDate aFrom, LocalDate? aTo, LocalDate bFrom, LocalDate? bTo) =>
        (aTo is null || bFrom <= aTo.Value) && (bTo is null || aFrom <= bTo.Value);
}
