using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Properties;

namespace Reeve.CouncilTax.Tests.Features;

/// <summary>
/// Dwellings billed through the Council Tax module's annual billing, as its own tests set them up: area WLD
/// with five precepts for 2026/27 (Band D £2,250.00), each dwelling with one tenant (single person discount).
/// Letters' print-run and Notify tests use these too (linked into Reeve.Letters.Tests).
/// </summary>
internal static class BilledDwellings
{
    public static readonly FinancialYear Year = new(2026);
    public static readonly LocalDate IssuedOn = new(2026, 3, 9);

    public static IReadOnlyList<Precept> Precepts { get; } =
    [
        new("Wealdmoor District Council", "billing-authority", Money.FromPence(20_000), Money.FromPence(19_500)),
        new("Midshire County Council", "county", Money.FromPence(150_000), Money.FromPence(145_000)),
        new("Midshire County Council (adult social care)", DemandNotices.AdultSocialCareKind, Money.FromPence(20_000), Money.FromPence(18_000)),
        new("Midshire Police and Crime Commissioner", "police", Money.FromPence(25_000), Money.FromPence(24_000)),
        new("Midshire Fire and Rescue Authority", "fire", Money.FromPence(10_000), null),
    ];

    public sealed record Dwelling(long Uprn, string Line1, string Postcode, char Band, string Surname, RecordParty.PostalAddressInput? WriteTo = null);

    /// <summary>Records the dwellings and their tenants, runs annual billing for 2026/27, and returns the run's id.</summary>
    public static async Task<long> BillAsync(ReeveDatabase db, CouncilId council, IClock clock, params Dwelling[] dwellings)
    {
        var now = clock.GetCurrentInstant();
        await using (var c = await db.OpenAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            await ChargeSetting.SetAsync(c, tx, council, "WLD", "Wealdmoor", Year, Precepts);
            var residence = 900;
            foreach (var d in dwellings)
            {
                await PropertyStore.AddAsync(c, tx, new NewProperty(council, d.Uprn, d.Line1, null, null, "Wealdmoor", d.Postcode, PropertyKind.Domestic, d.Band), now);
                await c.ExecuteAsync("update property set area_code = 'WLD' where council_id = @council and uprn = @uprn", new { council = council.Value, uprn = d.Uprn }, tx);
                var party = ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
                    new RecordParty.Request(council, PartyKind.Person, NameParts.Person("Ms", "Ann", d.Surname), null, new LocalDate(2020, 1, 1), [], d.WriteTo), "test", now)).Value;
                await c.ExecuteAsync(
                    "insert into residence (council_id, residence_id, uprn, party_id, resident_from, interest, recorded_at, recorded_by) values (@council, @id, @uprn, @party, @from, 'tenant', @at, 'test')",
                    new { council = council.Value, id = residence++, uprn = d.Uprn, party, from = new LocalDate(2020, 1, 1), at = now }, tx);
            }

            await tx.CommitAsync();
        }

        var report = (Outcome<AnnualBillingReport>.Done)await RaiseAnnualBills.RunAsync(db, new RaiseAnnualBills.Options(council, Year, IssuedOn, false, "annual-billing"), clock);
        return report.Value.RunId!.Value;
    }

    public static async Task<long> AccountOnAsync(ReeveDatabase db, CouncilId council, long uprn)
    {
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>("select account_id from account where council_id = @council and uprn = @uprn", new { council = council.Value, uprn });
    }
}
