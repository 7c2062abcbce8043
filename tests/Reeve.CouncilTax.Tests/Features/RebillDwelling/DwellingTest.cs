using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Properties;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

/// <summary>
/// What the tests of the changes to a dwelling's facts share: one Band D dwelling in the Wealdmoor area, whose Band D
/// charge is £1,825.00 (£1,500 district and £325 police) in each year a test sets, and the people who live there.
/// </summary>
public abstract class DwellingTest(IDatabaseEngine engine) : DatabaseTest(engine)
{
    protected const long Uprn = 100_000_000_123;

    protected async Task<long> DwellingAsync(char band, params int[] chargedYears)
    {
        await InTransactionAsync(async (c, tx) =>
        {
            (await PropertyStore.AddAsync(c, tx, new NewProperty(Council, Uprn, "1 Mill Lane", null, null, "Wealdmoor", "WD1 1AB", PropertyKind.Domestic, band), Now))
                .ShouldBeOfType<Outcome<Property>.Done>();
            await c.ExecuteAsync("update property set area_code = 'WLD' where council_id = 1 and uprn = @Uprn", new { Uprn }, tx);
            foreach (var year in chargedYears)
            {
                await ChargeSetting.SetAsync(c, tx, Council, "WLD", "Wealdmoor", new FinancialYear(year),
                    [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(150_000), null),
                     new Precept("Police and Crime Commissioner", "police", Money.FromPence(32_500), null)]);
            }

            return 0;
        });
        return Uprn;
    }

    protected Task<long> PersonAsync(string forename, string surname, LocalDate born) => InTransactionAsync(async (c, tx) =>
        ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
            new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, forename, surname), null, born, [], null), "test", Now)).Value);

    protected async Task<IReadOnlyList<long>> AccountsAsync() =>
        (await ReadAsync(c => CouncilTaxAccounts.OnDwellingAsync(c, null, Council, Uprn))).Select(a => a.AccountId).ToList();

    /// <summary>Ivy Hale moved in on 1 April 2025 and was billed on 2 April for the year (£1,825 less 25%); her account.</summary>
    protected async Task<long> BilledAccountAsync()
    {
        Clock.SetTo(Instant.FromUtc(2025, 4, 2, 9, 0));
        await DwellingAsync('D', 2025);
        var party = await PersonAsync("Ivy", "Hale", new LocalDate(1980, 1, 1));
        var moved = await Db.InTransactionAsync((c, tx) => RecordMoveIn.RecordAsync(c, tx, Council, Uprn, party, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now));
        return moved.ShouldBeOfType<Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.Single().AccountId;
    }

    protected Task<long> AwardIdAsync() => ReadAsync(c => c.ExecuteScalarAsync<long>("select award_id from ctax_award"));
}
