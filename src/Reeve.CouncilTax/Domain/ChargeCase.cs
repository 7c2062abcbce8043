using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>A premium on a dwelling with no resident (LGFA 1992 ss11B, 11C).</summary>
public abstract record Premium
{
    private protected Premium()
    {
    }
}

/// <summary>Unoccupied and substantially unfurnished since <see cref="EmptySince"/> (s11B).</summary>
public sealed record LongTermEmpty(LocalDate EmptySince) : Premium;

/// <summary>Furnished and no one's sole or main residence, at the percentage the council determined (s11C).</summary>
public sealed record SecondHome(int Percent) : Premium;

/// <summary>One liable party on one dwelling for a period within one financial year.</summary>
public sealed record ChargeCase(
    FinancialYear Year,
    Money BandDCharge,
    Band Band,
    DateInterval Period,
    int AdultResidents,
    int DisregardedResidents,
    string? ExemptionClass,
    bool DisabledBandReduction,
    Premium? Premium,
    Money ReductionAmount,
    LocalDiscount? LocalDiscount = null);

/// <summary>
/// The council's own discount for a prescribed class of dwelling (LGFA 1992 s11A; Council Tax (Prescribed Classes
/// of Dwellings) (England) Regulations 2003): it replaces the s11 discount while the dwelling is in the class.
/// </summary>
public sealed record LocalDiscount(string Class, int Percent);

/// <summary>Part of the period charged at one annual amount.</summary>
public sealed record ChargedSegment(LocalDate From, LocalDate To, int Days, int PremiumPercent, Money AnnualAmount, Money Charge);

public sealed record ChargeResult(
    Money AnnualBandCharge,
    int DaysLiable,
    int DaysInYear,
    Money GrossCharge,
    int DiscountPercent,
    Money Discount,
    int PremiumPercent,
    Money Premium,
    Money Reduction,
    Money NetCharge,
    IReadOnlyList<ChargedSegment> Segments,
    IReadOnlyList<ExplanationStep> Explanation);
