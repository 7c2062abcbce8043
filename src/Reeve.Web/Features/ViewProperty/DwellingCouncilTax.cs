using System.Data.Common;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.People;

namespace Reeve.Web.Features.ViewProperty;

/// <summary>
/// The council tax side of a dwelling for the property page: its band history, who lived there and owned it,
/// who is liable today and under which rule, the awards on it, and its charging area's Band D charge this year
/// with each precept (Council Tax (Demand Notices) (England) Regulations 2011 Sch 1 shows them the same way).
/// </summary>
public sealed record DwellingCouncilTax(
    string CurrentBand,
    IReadOnlyList<CouncilTaxReader.BandEntry> Bands,
    IReadOnlyList<DwellingCouncilTax.Occupant> Residents,
    IReadOnlyList<DwellingCouncilTax.Occupant> Owners,
    IReadOnlyList<DwellingCouncilTax.AwardLine> Awards,
    DwellingCouncilTax.LiableNow? Liable,
    CouncilTaxReader.ChargeArea? Area,
    FinancialYear Year,
    IReadOnlyList<Precept> Precepts)
{
    public const string AdultSocialCare = "adult-social-care";

    public sealed record Occupant(long PartyId, string Name, LocalDate From, LocalDate? To, Interest? Interest, string? PartnerName);

    public sealed record AwardLine(CouncilTaxReader.AwardEntry Award, string? PartyName);

    public sealed record LiableNow(IReadOnlyList<(long PartyId, string Name)> Parties, string How, string Source);

    public IReadOnlyList<Occupant> CurrentResidents => Residents.Where(r => r.To is null).ToList();

    public Money BandD => Money.Sum(Precepts.Select(p => p.BandD));

    public Money? PreviousBandD => Precepts.All(p => p.PreviousBandD is not null) && Precepts.Count > 0
        ? Money.Sum(Precepts.Select(p => p.PreviousBandD!.Value))
        : null;

    public static async Task<DwellingCouncilTax?> LoadAsync(DbConnection connection, CouncilId council, long uprn, LocalDate today)
    {
        var bands = await CouncilTaxReader.BandHistoryAsync(connection, council, uprn);
        if (bands.Count == 0)
        {
            return null;
        }

        var names = new Dictionary<long, string>();
        var residences = await CouncilTaxReader.ResidencesAsync(connection, council, uprn);
        var residents = new List<Occupant>();
        foreach (var r in residences)
        {
            var partner = r.PartnerOf is { } p ? await NameAsync(connection, council, p, names) : null;
            residents.Add(new Occupant(r.PartyId, await NameAsync(connection, council, r.PartyId, names), r.From, r.To, r.Interest, partner));
        }

        var owners = new List<Occupant>();
        foreach (var o in await CouncilTaxReader.OwnersAsync(connection, council, uprn))
        {
            owners.Add(new Occupant(o.PartyId, await NameAsync(connection, council, o.PartyId, names), o.From, o.To, null, null));
        }

        var awards = new List<AwardLine>();
        foreach (var a in await CouncilTaxReader.AwardsAsync(connection, council, uprn))
        {
            awards.Add(new AwardLine(a, a.PartyId is { } p ? await NameAsync(connection, council, p, names) : null));
        }

        LiableNow? liable = null;
        if (await DwellingFactsStore.LoadAsync(connection, null, council, uprn) is { } facts && LiableParties.OnDay(facts, today) is { } l)
        {
            var parties = new List<(long, string)>();
            foreach (var party in l.Parties)
            {
                parties.Add((party, await NameAsync(connection, council, party, names)));
            }

            liable = new LiableNow(parties, l.How, l.Source);
        }

        var year = FinancialYear.Containing(today);
        var area = await CouncilTaxReader.AreaAsync(connection, council, uprn);
        var precepts = area is null ? [] : await ChargeSetting.PreceptsAsync(connection, null, council, area.Code, year);
        var current = bands.LastOrDefault(b => b.EffectiveFrom <= today) ?? bands[0];
        return new DwellingCouncilTax(current.Band, bands, residents, owners, awards, liable, area, year, precepts);
    }

    private static async Task<string> NameAsync(DbConnection connection, CouncilId council, long partyId, Dictionary<long, string> names)
    {
        if (!names.TryGetValue(partyId, out var name))
        {
            name = (await PartyReader.GetAsync(connection, council, partyId))?.DisplayName ?? $"Party {partyId}";
            names[partyId] = name;
        }

        return name;
    }
}
