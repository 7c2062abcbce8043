using Reeve.TestKit;
using Dapper;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Properties;

namespace Reeve.Web.Tests;

/// <summary>
/// A dwelling of its own for each council tax page test, made through the council tax module on top of the small
/// demo: band D in area WEBTEST, whose Band D charge is £2,000.00 this year (£1,900.00 last year), with an adult
/// social care precept shown apart. Dates follow the real clock, as the app under test does.
/// </summary>
public static class CouncilTaxSetup
{
    public const string Area = "WEBTEST";

    public static LocalDate Today => UkTime.Today(SystemClock.Instance);

    public static FinancialYear ThisYear => FinancialYear.Containing(Today);

    private static Instant Now => SystemClock.Instance.GetCurrentInstant();

    /// <summary>Band D this year: £1,500 billing authority + £150 adult social care + £350 police.</summary>
    public static readonly Money BandD = Money.FromPence(200_000);

    public static async Task<long> NewDwellingAsync(ReeveAppFixture app, char band = 'D', CouncilId? council = null)
    {
        var home = council ?? app.HomeCouncil;
        var uprn = 300_000_000_000 + Random.Shared.NextInt64(1, 99_999_999_999);
        await using var c = await app.Database.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var added = await PropertyStore.AddAsync(c, tx,
            new NewProperty(home, uprn, $"{uprn % 1000} Test Row", null, null, "Wealdmoor", "WD9 9ZZ", PropertyKind.Domestic, band), Now);
        added.ShouldBeOfType<Outcome<Property>.Done>();
        await c.ExecuteAsync("update property set area_code = @Area where council_id = @council and uprn = @uprn",
            new { Area, council = home.Value, uprn }, tx);
        foreach (var year in new[] { ThisYear.Previous, ThisYear, ThisYear.Next })
        {
            var bump = year.StartYear - ThisYear.StartYear;
            await ChargeSetting.SetAsync(c, tx, home, Area, "Web test parish", year,
            [
                new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(150_000 + (bump * 5_000)), Money.FromPence(145_000 + (bump * 5_000))),
                new Precept("Wealdmoor District Council adult social care", "adult-social-care", Money.FromPence(15_000 + (bump * 3_000)), Money.FromPence(12_000 + (bump * 3_000))),
                new Precept("Police and Crime Commissioner", "police", Money.FromPence(35_000 + (bump * 2_000)), Money.FromPence(33_000 + (bump * 2_000))),
            ]);
        }

        await tx.CommitAsync();
        return uprn;
    }

    /// <summary>A person with a surname no other test uses, so a search finds only them.</summary>
    public static async Task<(long PartyId, string Name)> NewPersonAsync(ReeveAppFixture app, string forenames = "Sam", CouncilId? council = null)
    {
        var surname = "Tester" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6).Select(char.ToLowerInvariant).ToArray());
        await using var c = await app.Database.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var outcome = await RecordParty.RecordAsync(c, tx,
            new RecordParty.Request(council ?? app.HomeCouncil, PartyKind.Person, NameParts.Person(null, forenames, surname), new LocalDate(1980, 5, 17), new LocalDate(2020, 1, 1), [], null),
            "test", Now);
        await tx.CommitAsync();
        return (outcome.ShouldBeOfType<Outcome<long>.Done>().Value, $"{forenames} {surname}");
    }

    public static async Task MoveInAsync(ReeveAppFixture app, long uprn, long partyId, LocalDate from, Interest interest = Interest.Tenant, CouncilId? council = null) =>
        (await app.Database.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, council ?? app.HomeCouncil, uprn, partyId, from, interest, null, "test", Now)))
        .ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>();

    /// <summary>The council tax accounts on the dwelling, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> AccountReferencesAsync(ReeveAppFixture app, long uprn, CouncilId? council = null)
    {
        await using var c = await app.Database.OpenAsync();
        return (await c.QueryAsync<string>("select reference from account where council_id = @council and uprn = @uprn order by account_id",
            new { council = (council ?? app.HomeCouncil).Value, uprn })).ToList();
    }

    public static Dictionary<string, string> Date(string name, LocalDate date, Dictionary<string, string>? fields = null) =>
        Date(name, date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), fields);

    public static Dictionary<string, string> Date(string name, string day, string month, string year, Dictionary<string, string>? fields = null)
    {
        fields ??= [];
        fields[$"{name}-day"] = day;
        fields[$"{name}-month"] = month;
        fields[$"{name}-year"] = year;
        return fields;
    }
}
