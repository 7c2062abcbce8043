using NodaTime;
using Reeve.CouncilTax.Domain;

namespace Reeve.CouncilTax.Tests.Domain;

/// <summary>Builds a dwelling's facts one recorded event at a time, as an officer would record them.</summary>
internal sealed class DwellingBuilder
{
    private DwellingFacts _facts;

    public DwellingBuilder(Band band = Band.D, LocalDate? bandFrom = null) =>
        _facts = DwellingFacts.Empty(100_000_000_001, band, bandFrom ?? new LocalDate(1993, 4, 1));

    public static LocalDate D(int year, int month, int day) => new(year, month, day);

    public DwellingBuilder Resident(long party, LocalDate from, LocalDate? to = null, Interest interest = Interest.Tenant, long? partnerOf = null)
    {
        _facts = _facts with { Residents = [.. _facts.Residents, new Residence(party, from, to, interest, partnerOf)] };
        return this;
    }

    public DwellingBuilder Owner(long party, LocalDate from, LocalDate? to = null)
    {
        _facts = _facts with { Owners = [.. _facts.Owners, new Ownership(party, from, to)] };
        return this;
    }

    public DwellingBuilder Disregarded(long party, string category, LocalDate from, LocalDate? to = null)
    {
        _facts = _facts with { Disregards = [.. _facts.Disregards, new Disregard(party, category, from, to)] };
        return this;
    }

    public DwellingBuilder BandFrom(LocalDate from, Band band)
    {
        _facts = _facts with { Bands = [.. _facts.Bands, new BandChange(from, band)] };
        return this;
    }

    public DwellingBuilder Exempt(string letter, LocalDate from, LocalDate? to = null)
    {
        _facts = _facts with { Exemptions = [.. _facts.Exemptions, new ExemptionAward(letter, from, to)] };
        return this;
    }

    public DwellingBuilder OwnerLiable(string cls, LocalDate from)
    {
        _facts = _facts with { OwnerLiable = [.. _facts.OwnerLiable, new OwnerLiablePeriod(cls, from, null)] };
        return this;
    }

    public DwellingBuilder Reduction(long party, int percent, LocalDate from, LocalDate? to = null)
    {
        _facts = _facts with { Reductions = [.. _facts.Reductions, new ReductionAward(party, percent, from, to)] };
        return this;
    }

    public DwellingBuilder ManualReduction(long party, Reeve.Kernel.Money annualAmount, LocalDate from, LocalDate? to = null)
    {
        _facts = _facts with { Reductions = [.. _facts.Reductions, new ReductionAward(party, 0, from, to, annualAmount)] };
        return this;
    }

    public DwellingBuilder LocalDiscountClass(string cls, LocalDate from, LocalDate? to = null)
    {
        _facts = _facts with { LocalDiscounts = [.. _facts.LocalDiscountClasses, new LocalDiscountAward(cls, from, to)] };
        return this;
    }

    public DwellingFacts Build() => _facts;
}
