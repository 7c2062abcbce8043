using NodaTime;

namespace Reeve.CouncilTax.Domain;

/// <summary>Who is liable on one day, and the rule that says so.</summary>
public sealed record Liability(IReadOnlyList<long> Parties, string How, string Source)
{
    /// <summary>A stable key for "the same people": liable parties in id order.</summary>
    public string Key => string.Join(',', Parties);
}

/// <summary>
/// The s6 hierarchy for one day (LGFA 1992 s6): walk down resident freeholder, leaseholder, tenant, licensee,
/// any other resident; the first category anyone falls into is liable, all of them jointly and severally
/// (s6(3)), leaving out a severely mentally impaired person where someone else qualifies (s6(4)), and adding
/// a liable resident's spouse or civil partner who lives there (s9). With no resident, or where the dwelling is
/// of a class for which the owner is liable, the owner is.
/// </summary>
public static class LiableParties
{
    public static Liability? OnDay(DwellingFacts facts, LocalDate day)
    {
        var ownerLiable = facts.OwnerLiable.FirstOrDefault(o => Periods.Covers(o.From, o.To, day));
        var residents = facts.Residents.Where(r => Periods.Covers(r.From, r.To, day)).ToList();
        if (residents.Count == 0 || ownerLiable is not null)
        {
            var owners = facts.Owners.Where(o => Periods.Covers(o.From, o.To, day)).Select(o => o.PartyId).Distinct().Order().ToList();
            if (owners.Count == 0)
            {
                return null;
            }

            return ownerLiable is null
                ? new Liability(owners, "Owner: nobody is resident", "LGFA 1992 s6(2)(f)")
                : new Liability(owners, $"Owner: the dwelling is of a prescribed class ({ownerLiable.Class})", "LGFA 1992 s8; Council Tax (Liability for Owners) Regulations 1992 (SI 1992/551) reg 2");
        }

        var top = residents.Min(r => r.Interest);
        var first = residents.Where(r => r.Interest == top).ToList();
        var impaired = facts.Disregards
            .Where(d => d.IsSevereMentalImpairment && Periods.Covers(d.From, d.To, day))
            .Select(d => d.PartyId)
            .ToHashSet();
        var qualifying = first.Where(r => !impaired.Contains(r.PartyId)).ToList();
        if (qualifying.Count > 0)
        {
            first = qualifying;
        }

        var liable = first.Select(r => r.PartyId).ToHashSet();
        var partners = residents
            .Where(r => !liable.Contains(r.PartyId) && !impaired.Contains(r.PartyId))
            .Where(r => (r.PartnerOf is { } p && liable.Contains(p)) || residents.Any(l => liable.Contains(l.PartyId) && l.PartnerOf == r.PartyId))
            .Select(r => r.PartyId)
            .ToList();
        var how = (first.Count > 1 ? $"Residents ({Describe(top)}), jointly and severally" : $"Resident ({Describe(top)})") +
                  (partners.Count > 0 ? ", with spouse or civil partner" : "");
        var source = "LGFA 1992 s6(2)(" + "abcde"[(int)top - 1] + ")" + (first.Count > 1 ? ", s6(3)" : "") + (partners.Count > 0 ? ", s9" : "");
        return new Liability(liable.Concat(partners).Order().ToList(), how, source);
    }

    private static string Describe(Interest interest) => interest switch
    {
        Interest.Freeholder => "freeholder",
        Interest.Leaseholder => "leaseholder",
        Interest.Tenant => "tenant",
        Interest.Licensee => "licensee",
        Interest.OtherResident => "no greater interest",
    };
}
