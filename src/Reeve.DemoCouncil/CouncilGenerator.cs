using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Properties;

namespace Reeve.DemoCouncil;

/// <summary>
/// Records one demo council's valuation list, precepts, owners, residents, disregards and premiums as a Billing
/// Officer would (phase 1). <see cref="DemoBilling"/> then bills them year by year through the Council Tax module
/// and plays the payments.
/// </summary>
internal sealed class CouncilGenerator(DemoCouncilProfile profile, LocalDate asAt, Random rng, Instant now, IProgress<DemoProgress>? progress, DemoCouncilBuilder.Totals totals)
{
    private const string Officer = "demo";

    // England's band mix, roughly (shared/domain.md): A 24%, B 20%, C 22%, D 16%, E 10%, F 5%, G 2.5%, H 0.5%.
    private static readonly (char Band, int PerThousand)[] BandMix =
        [('A', 240), ('B', 200), ('C', 220), ('D', 160), ('E', 100), ('F', 50), ('G', 25), ('H', 5)];

    private readonly List<DwellingFactsWriter.NewResidence> _residences = [];
    private readonly List<DwellingFactsWriter.NewOwnership> _owners = [];
    private readonly List<DwellingFactsWriter.NewAward> _awards = [];
    private readonly List<long> _landlords = [];
    private string[] _streets = [];

    /// <summary>Moves that happen after annual billing, to be recorded (and re-billed) on their dates.</summary>
    public List<DemoMove> Moves { get; } = [];

    public DemoCouncilProfile Profile => profile;

    public async Task RecordFactsAsync(DbConnection connection, DbTransaction tx, int dwellings, CancellationToken ct)
    {
        for (var year = DemoCouncilProfile.FirstLedgerYear; year <= FinancialYear.Containing(asAt).Next; year = year.Next)
        {
            foreach (var town in profile.Towns)
            {
                await ChargeSetting.SetAsync(connection, tx, profile.Id, DemoPrecepts.AreaCode(town), town, year, DemoPrecepts.For(profile, town, year));
            }
        }

        _streets = Enumerable.Range(0, Math.Max(4, dwellings / 40))
            .Select(_ => $"{Pick(DemoNames.StreetStems)} {Pick(DemoNames.StreetKinds)}")
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        foreach (var name in DemoNames.Landlords)
        {
            _landlords.Add(await AddPartyAsync(connection, tx, PartyKind.Organisation, NameParts.Organisation(name), null, new LocalDate(2010, 1, 1), null));
        }

        for (var i = 0; i < dwellings; i++)
        {
            ct.ThrowIfCancellationRequested();
            await AddDwellingAsync(connection, tx, i);
            if (i % 250 == 0 || i == dwellings - 1)
            {
                progress?.Report(new DemoProgress($"{profile.Name}: dwellings and residents", i + 1, dwellings));
            }
        }

        await WriteAsync(connection, tx, ct);
    }

    private async Task AddDwellingAsync(DbConnection connection, DbTransaction tx, int index)
    {
        var street = _streets[index % _streets.Length];
        var number = (index / _streets.Length) + 1;
        var town = profile.Towns[index % profile.Towns.Length];
        var postcode = Postcode(index);
        var band = PickBand();
        var uprn = profile.UprnBase + index + 1;
        var line1 = rng.Next(100) < 15 ? $"Flat {rng.Next(1, 9)}, {number} {street}" : $"{number} {street}";
        var added = await PropertyStore.AddAsync(connection, tx,
            new NewProperty(profile.Id, uprn, line1, null, null, town, postcode, PropertyKind.Domestic, band), now);
        if (added is not Outcome<Property>.Done)
        {
            throw new InvalidOperationException($"Demo property {uprn} was refused: {added}");
        }

        await PropertyListings.SetAreaAsync(connection, tx, profile.Id, uprn, DemoPrecepts.AreaCode(town));
        var address = new RecordParty.PostalAddressInput(uprn, line1, null, null, town, Postcodes.Normalise(postcode));
        var firstDay = DemoCouncilProfile.FirstLedgerYear.FirstDay;

        // About 2% stand empty with a landlord liable as owner (LGFA 1992 s6(2)(f)); half of those long enough for the premium.
        if (rng.Next(1000) < 20)
        {
            var emptySince = firstDay.PlusDays(-rng.Next(100, 1500));
            Owner(uprn, _landlords[rng.Next(_landlords.Count)], emptySince.PlusDays(-rng.Next(0, 2000)));
            if (rng.Next(2) == 0)
            {
                Award(uprn, "long-term-empty", null, null, null, emptySince, emptySince, null, "Inspection: unoccupied and substantially unfurnished");
            }

            return;
        }

        var since = new LocalDate(2005, 1, 1).PlusDays(rng.Next(0, 6900));
        var household = await HouseholdAsync(connection, tx, address, since);
        Live(uprn, household, since, null);
        if (rng.Next(100) < 14)
        {
            var span = Period.Between(firstDay.PlusDays(60), asAt.PlusDays(-45), PeriodUnits.Days).Days;
            var lastDay = firstDay.PlusDays(60 + rng.Next(Math.Max(1, span)));
            var arriving = await HouseholdAsync(connection, tx, address, lastDay.PlusDays(1));
            Moves.Add(new DemoMove(uprn, household, lastDay, arriving));
        }
    }

    private async Task<DemoHousehold> HouseholdAsync(DbConnection connection, DbTransaction tx, RecordParty.PostalAddressInput address, LocalDate from)
    {
        var roll = rng.Next(100);
        var adults = roll < 34 ? 1 : roll < 86 ? 2 : 3;
        var surname = Pick(DemoNames.Surnames);
        var interest = rng.Next(100) < 60 ? Interest.Freeholder : Interest.Tenant;
        var first = await AddPersonAsync(connection, tx, surname, address, from);
        var members = new List<DemoResident> { new(first, interest, null, null) };
        if (adults >= 2)
        {
            // Most second adults are spouses or civil partners (jointly liable, LGFA 1992 s9); the rest joint owners or tenants.
            var couple = rng.Next(100) < 70;
            var second = await AddPersonAsync(connection, tx, couple && rng.Next(100) < 75 ? surname : Pick(DemoNames.Surnames), address, from);
            members.Add(couple ? new DemoResident(second, Interest.OtherResident, first, null) : new DemoResident(second, interest, null, null));
        }

        if (adults == 3)
        {
            var third = await AddPersonAsync(connection, tx, surname, address, from);
            members.Add(new DemoResident(third, Interest.OtherResident, null, rng.Next(100) < 40 ? "student" : null));
        }

        return new DemoHousehold(members);
    }

    public void Live(long uprn, DemoHousehold household, LocalDate from, LocalDate? to)
    {
        foreach (var m in household.Members)
        {
            _residences.Add(new DwellingFactsWriter.NewResidence(uprn, m.PartyId, from, to, m.Interest, m.PartnerOf));
            if (m.Disregard is { } category)
            {
                Award(uprn, "disregard", m.PartyId, category, null, null, from, null, "Student certificate from the University of Wealdmoor");
            }
        }
    }

    private void Owner(long uprn, long party, LocalDate from) => _owners.Add(new DwellingFactsWriter.NewOwnership(uprn, party, from));

    private void Award(long uprn, string kind, long? party, string? code, int? percent, LocalDate? since, LocalDate from, LocalDate? to, string evidence) =>
        _awards.Add(new DwellingFactsWriter.NewAward(uprn, new RecordAward.Award(kind, party, code, percent, since, from, to, evidence, null)));

    private async Task WriteAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        await DwellingFactsWriter.WriteAsync(connection, tx, profile.Id, _residences, _owners, _awards, Officer, now, ct);
        _residences.Clear();
        _owners.Clear();
        _awards.Clear();
    }

    private async Task<long> AddPersonAsync(DbConnection connection, DbTransaction tx, string surname, RecordParty.PostalAddressInput address, LocalDate from)
    {
        var forenames = Pick(DemoNames.Forenames);
        var dob = new LocalDate(1940, 1, 1).PlusDays(rng.Next(0, 24000));
        var contacts = new List<(string, string)>();
        if (rng.Next(100) < 60)
        {
            contacts.Add(("email", $"{forenames}.{surname}{rng.Next(1, 99)}@example.com".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal)));
        }

        if (rng.Next(100) < 55)
        {
            contacts.Add(("mobile", "07700 9" + rng.Next(0, 100_000).ToString("00000", CultureInfo.InvariantCulture)));
        }

        return await AddPartyAsync(connection, tx, PartyKind.Person, NameParts.Person(null, forenames, surname), dob, from, address, contacts);
    }

    private async Task<long> AddPartyAsync(
        DbConnection connection, DbTransaction tx, PartyKind kind, NameParts name, LocalDate? dob, LocalDate from, RecordParty.PostalAddressInput? address,
        IReadOnlyList<(string, string)>? contacts = null)
    {
        var outcome = await RecordParty.RecordAsync(connection, tx,
            new RecordParty.Request(profile.Id, kind, name, dob, from, contacts ?? [], address), Officer, now);
        totals.People++;
        return outcome is Outcome<long>.Done done ? done.Value : throw new InvalidOperationException($"Demo party refused: {outcome}");
    }

    private char PickBand()
    {
        var roll = rng.Next(1000);
        foreach (var (band, perThousand) in BandMix)
        {
            if (roll < perThousand)
            {
                return band;
            }

            roll -= perThousand;
        }

        return 'H';
    }

    // Demo postcodes have the real shape (outward code, inward code) but fictional areas.
    private string Postcode(int index)
    {
        const string inwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
        var block = index / 15;
        var district = (block % 9) + 1;
        var sector = (block / 9) % 10;
        var unit = block / 90;
        return string.Create(CultureInfo.InvariantCulture,
            $"{profile.PostcodeArea}{district} {sector}{inwardLetters[unit / inwardLetters.Length % inwardLetters.Length]}{inwardLetters[unit % inwardLetters.Length]}");
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}

internal sealed record DemoResident(long PartyId, Interest Interest, long? PartnerOf, string? Disregard);

internal sealed record DemoHousehold(IReadOnlyList<DemoResident> Members);

internal sealed record DemoMove(long Uprn, DemoHousehold Leaving, LocalDate LastDay, DemoHousehold Arriving);
