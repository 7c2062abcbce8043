using System.Globalization;
using System.Text;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Sundry.Domain;
using Reeve.Sundry.Features.ImportInvoices;
using Reeve.Sundry.Features.SetUpServiceAreas;

namespace Reeve.DemoCouncil;

/// <summary>
/// Sundry debt for the demo council: six service areas with their timetables and income codes, and the finance
/// system's invoices of the last six months (about one for every eight dwellings, up to 5,000) to individuals and
/// businesses, with a few credit notes, imported through the nightly import as the finance system would send them.
/// </summary>
internal static class DemoSundry
{
    private static readonly (string Area, string Name, string Code, string Vat, string Basis, int MinPence, int MaxPence, bool Business)[] Areas =
    [
        ("TW", "Trade waste", "TW01", "S", "Environmental Protection Act 1990 s45(4)", 8_000, 120_000, true),
        ("LI", "Licensing", "LI01", "O", "Licensing Act 2003 s197 and the Licensing Act 2003 (Fees) Regulations 2005", 10_000, 190_000, true),
        ("CR", "Commercial rents", "CR01", "E", "Local Government Act 1972 s123 (the lease)", 50_000, 900_000, true),
        ("WD", "Works in default", "WD01", "O", "Building Act 1984 s107", 20_000, 400_000, false),
        ("HH", "Hall hire", "HH01", "E", "Local Government Act 1972 s144", 3_000, 40_000, false),
        ("PP", "Parking permits", "PP01", "O", "Road Traffic Regulation Act 1984 s45", 2_500, 15_000, false),
    ];

    private static readonly string[] Trades = ["Bakery", "Cafe", "Garage", "Florist", "Builders", "Hair Studio", "Print Works", "Kitchens", "Motors", "Pharmacy"];

    public static async Task RunAsync(ReeveDatabase db, DemoCouncilProfile profile, int dwellings, int seed, LocalDate asAt, Instant now, CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var a in Areas)
            {
                await ServiceAreas.AddAsync(connection, tx, profile.Id,
                    new ServiceArea(a.Area, a.Name, $"{a.Area.ToLowerInvariant()}.disputes@{profile.Code.ToLowerInvariant()}.example.gov.uk", $"{a.Area.ToLowerInvariant()}.operations@{profile.Code.ToLowerInvariant()}.example.gov.uk"),
                    new RecoveryProfile(a.Area, new LocalDate(2020, 4, 1), a.Business ? 14 : 10, 28, 42),
                    [new IncomeCode(a.Code, a.Area, a.Name, a.Vat, a.Basis)]);
            }

            await tx.CommitAsync(ct);
        }

        var file = InvoiceFile(profile, Math.Clamp(dwellings / 8, 6, 5_000), new Random(seed + 15), asAt);
        var result = await ImportInvoices.ImportAsync(db, new ImportInvoices.Request(profile.Id, "demo-receivables.csv", file, "demo"), now, ct);
        if (result is not ImportInvoices.Result.Imported)
        {
            throw new InvalidOperationException($"The demo invoices were not imported: {result}");
        }
    }

    private static byte[] InvoiceFile(DemoCouncilProfile profile, int invoices, Random rng, LocalDate asAt)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Reeve.Sundry.Features.ImportInvoices.InvoiceFile.Columns)).Append('\n');
        var customers = Math.Max(3, invoices / 3);
        for (var i = 1; i <= invoices; i++)
        {
            var area = Areas[rng.Next(Areas.Length)];
            var c = rng.Next(customers);
            var crng = new Random(c * 7919);
            var business = area.Business || crng.Next(3) == 0;
            var street = $"{1 + crng.Next(120)} {DemoNames.StreetStems[crng.Next(DemoNames.StreetStems.Length)]} Road";
            var town = profile.Towns[crng.Next(profile.Towns.Length)];
            var postcode = $"{profile.PostcodeArea}{1 + crng.Next(9)} {crng.Next(10)}{(char)('A' + crng.Next(26))}{(char)('A' + crng.Next(26))}";
            var name = business
                ? $"{DemoNames.Surnames[crng.Next(DemoNames.Surnames.Length)]} {Trades[crng.Next(Trades.Length)]} Ltd"
                : $"{DemoNames.Forenames[crng.Next(DemoNames.Forenames.Length)]} {DemoNames.Surnames[crng.Next(DemoNames.Surnames.Length)]}";
            var company = business ? (1_000_000 + c).ToString("D8", CultureInfo.InvariantCulture) : "";
            var date = asAt.PlusDays(-rng.Next(1, 180));
            var number = $"SI{i:D7}";
            var lines = 1 + rng.Next(3);
            var header = string.Create(CultureInfo.InvariantCulture,
                $"INV,{number},,{(business ? "B" : "P")}{c:D6},{(business ? "organisation" : "individual")},\"{name}\",{company},{street},,{town},{postcode},{area.Area},{DateText.FormatIso(date)},{DateText.FormatIso(date.PlusDays(30))},");
            var firstNet = 0;
            for (var line = 1; line <= lines; line++)
            {
                var net = area.MinPence + rng.Next(area.MaxPence - area.MinPence);
                firstNet = line == 1 ? net : firstNet;
                text.Append(header).Append(line).Append(',').Append(area.Code).Append(',').Append(area.Name).Append(' ').Append(line)
                    .Append(',').Append(Money.FromPence(net).ToPlainString()).Append(',').Append(area.Vat).Append(',').Append(Money.FromPence(Vat(area.Vat, net)).ToPlainString()).Append('\n');
            }

            if (rng.Next(30) == 0)
            {
                var credit = firstNet / 2;
                var creditDate = date.PlusDays(5) > asAt ? date : date.PlusDays(5);
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"CRN,CN{i:D7},{number},,,,,,,,,{area.Area},{DateText.FormatIso(creditDate)},,1,{area.Code},Part of the charge withdrawn by the service,-{Money.FromPence(credit).ToPlainString()},{area.Vat},-{Money.FromPence(Vat(area.Vat, credit)).ToPlainString()}\n"));
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // 20% to the nearest penny on standard-rated lines (VAT Act 1994 s2); nothing on exempt and outside-the-scope ones.
    private static long Vat(string code, long net) => code == "S" ? Rounding.RoundHalfUpToPence(Money.FromPence(net), 20, 100).Pence : 0;
}
