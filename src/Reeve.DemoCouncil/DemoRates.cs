using System.Globalization;
using System.Text;
using NodaTime;
using Reeve.BusinessRates;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// The demo council's rating list, made through the Business Rates handlers as a council would: its billing authority
/// code, the 2023 list entries file, a later file with some rateable values altered from 1 October 2024, the 2026
/// list, then ratepayers occupying most hereditaments (some charities, small businesses with their relief, shops and
/// restaurants with retail use) and each year billed. One hereditament for every hundred dwellings; none for a demo
/// smaller than a hundred dwellings.
/// </summary>
internal static class DemoRates
{
    public const string AuthorityCode = "0435";

    private static readonly (string Code, string Text, bool Retail)[] Kinds =
    [
        ("CS", "SHOP AND PREMISES", true), ("CO", "OFFICES AND PREMISES", false), ("IF", "FACTORY AND PREMISES", false),
        ("CW", "WAREHOUSE AND PREMISES", false), ("CR", "RESTAURANT AND PREMISES", true),
    ];

    private static readonly string[] Streets = ["HIGH STREET", "MARKET PLACE", "STATION ROAD", "MILL LANE", "CHURCH STREET", "BRIDGE STREET", "ENTERPRISE WAY"];

    public static async Task RunAsync(ReeveDatabase db, DemoCouncilProfile profile, int dwellings, int seed, LocalDate asAt, Instant now, CancellationToken ct)
    {
        var count = dwellings / 100;
        if (count == 0 || asAt < RatingListStart)
        {
            return;
        }

        var rng = new Random(seed + 14);
        var hereditaments = Enumerable.Range(1, count).Select(n => Make(n, rng, profile)).ToList();
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await BillingAuthorityCode.SetAsync(connection, tx, profile.Id, AuthorityCode, "demo", now);
            await tx.CommitAsync(ct);
        }

        await ImportAsync(db, profile.Id, "list-2023.csv", hereditaments.Select((h, i) => Line(i + 1, h, h.Rv2023, "01-APR-2023")), now, ct);
        var altered = hereditaments.Where((_, i) => i % 7 == 3).ToList();
        await ImportAsync(db, profile.Id, "alterations-2024.csv", altered.Select((h, i) => Line(i + 1, h, h.Rv2023 * 9 / 10, "01-OCT-2024")), now, ct);
        if (asAt >= new LocalDate(2026, 4, 1))
        {
            await ImportAsync(db, profile.Id, "list-2026.csv", hereditaments.Select((h, i) => Line(i + 1, h, h.Rv2023 * 11 / 10, "01-APR-2026")), now, ct);
        }

        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var h in hereditaments.Where(h => h.OccupiedFrom is not null && h.OccupiedFrom <= asAt))
            {
                var party = await RecordParty.RecordAsync(connection, tx,
                    new RecordParty.Request(profile.Id, PartyKind.Organisation, NameParts.Organisation(h.Ratepayer), null, h.OccupiedFrom!.Value, [], null), "demo", now);
                var occupation = await RecordOccupation.RecordAsync(connection, tx,
                    new RecordOccupation.Request(profile.Id, h.BaReference, ((Outcome<long>.Done)party).Value, h.OccupiedFrom.Value, null, h.Charity, h.SmallBusiness, h.Retail, "demo"), now);
                var account = ((Outcome<RecordOccupation.Occupation>.Done)occupation).Value.Account;
                for (var year = FinancialYear.Containing(h.OccupiedFrom.Value); year <= FinancialYear.Containing(asAt); year = year.Next)
                {
                    // Annual bills go out in March before the year; a new occupier's bill on the day they are recorded.
                    var issued = h.OccupiedFrom.Value >= year.FirstDay ? h.OccupiedFrom.Value : year.FirstDay.PlusDays(-21);
                    var bill = await RaiseBill.RaiseAsync(connection, tx, new RaiseBill.Request(profile.Id, account.AccountId, year, issued, "demo"), NationalRatesFigures.Current, now);
                    if (bill is not Outcome<RaiseBill.Bill>.Done)
                    {
                        throw new InvalidOperationException($"The demo could not bill {h.BaReference} for {year}: {bill}");
                    }
                }
            }

            await tx.CommitAsync(ct);
        }
    }

    private static readonly LocalDate RatingListStart = new(2023, 4, 1);

    private sealed record DemoHereditament(
        string BaReference, long Uarn, (string Code, string Text, bool Retail) Kind, string Street, int Number, string Town, string Postcode,
        long Rv2023, LocalDate? OccupiedFrom, string Ratepayer, bool Charity, bool SmallBusiness)
    {
        public bool Retail => Kind.Retail;
    }

    private static DemoHereditament Make(int n, Random rng, DemoCouncilProfile profile)
    {
        var kind = Kinds[rng.Next(Kinds.Length)];
        var street = Streets[rng.Next(Streets.Length)];
        // Mostly small shops and offices, some larger premises, and one high-value site.
        var rv = n == 1 ? 750_000 : rng.Next(10) switch
        {
            < 5 => rng.Next(30, 150) * 100L,
            < 8 => rng.Next(150, 510) * 100L,
            _ => rng.Next(51, 400) * 1000L,
        };
        var occupied = rng.Next(100) < 85;
        var from = rng.Next(3) == 0 ? new LocalDate(2023, 4, 1).PlusDays(rng.Next(900)) : new LocalDate(2023, 4, 1);
        var charity = occupied && rng.Next(100) < 6;
        var name = charity ? $"{profile.Towns[0]} {street.Split(' ')[0].ToLowerInvariant()} Community Trust" : $"{Title(street)} {Trade(kind.Code)} {n} Ltd";
        return new DemoHereditament(
            $"{profile.PostcodeArea}{n:00000000}", 9_000_000_000 + (profile.Id.Value * 100_000L) + n, kind, street, 1 + rng.Next(120),
            profile.Towns[rng.Next(profile.Towns.Length)].ToUpperInvariant(), $"{profile.PostcodeArea}{1 + rng.Next(9)} {1 + rng.Next(9)}BR",
            rv, occupied ? from : null, name, charity, occupied && !charity && rv < 15_000);
    }

    private static string Title(string street) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(street.ToLowerInvariant());

    private static string Trade(string code) => code switch
    {
        "CS" => "Stores",
        "CO" => "Services",
        "IF" => "Engineering",
        "CW" => "Logistics",
        _ => "Kitchen",
    };

    // A list entries record (shared/formats.md 6.1): 28 asterisk-separated fields and a trailing asterisk.
    private static string Line(int record, DemoHereditament h, long rv, string effective) => string.Join('*', [
        record.ToString(CultureInfo.InvariantCulture), AuthorityCode, "", h.BaReference, h.Kind.Code, h.Kind.Text, h.Uarn.ToString(CultureInfo.InvariantCulture),
        $"{h.Number}, {h.Street}, {h.Town}, {h.Postcode}", "", h.Number.ToString(CultureInfo.InvariantCulture), h.Street, h.Town, "", "", h.Postcode, effective, "",
        rv.ToString(CultureInfo.InvariantCulture), "", "", effective, "", "", "", "", "", effective, "",
    ]) + "*";

    private static async Task ImportAsync(ReeveDatabase db, CouncilId council, string name, IEnumerable<string> lines, Instant now, CancellationToken ct)
    {
        var records = lines.ToList();
        if (records.Count == 0)
        {
            return; // a small demo may have no alterations to send
        }

        var content = Encoding.ASCII.GetBytes(string.Join("\r\n", records) + "\r\n");
        var result = await ImportListEntries.ImportAsync(db, new ImportListEntries.Request(council, name, content, "demo"), now, ct);
        if (result is ImportListEntries.Result.Refused refused)
        {
            throw new InvalidOperationException($"The demo's {name} was refused: {string.Join("; ", refused.Problems)}");
        }
    }
}
