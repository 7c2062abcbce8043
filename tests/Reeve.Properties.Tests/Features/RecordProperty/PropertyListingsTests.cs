using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Properties.Tests;

public sealed class PropertyListingsOnSqlite() : PropertyListingsTests(new SqliteEngine());

public sealed class PropertyListingsOnPostgres() : PropertyListingsTests(new PostgresEngine());

public abstract class PropertyListingsTests(IDatabaseEngine engine) : PropertiesTest(engine)
{
    private async Task ListAsync()
    {
        await AddDwellingAsync(100_000_000_003, "3 Mill Lane", "WD1 1AB");
        await AddDwellingAsync(100_000_000_001, "1 Mill Lane", "WD1 1AB");
        (await AddAsync(Dwelling(100_000_000_002, "The Mill Shop", "WD1 1AB") with { Kind = PropertyKind.NonDomestic, Band = null }))
            .ShouldBeOfType<Outcome<Property>.Done>();
        await AddAsync(Dwelling(100_000_000_004, "4 Mill Lane", "WD1 1AB") with { Band = 'B' });
        await InTransactionAsync(async (c, tx) =>
        {
            await PropertyListings.SetAreaAsync(c, tx, Council, 100_000_000_001, "OAK");
            await PropertyListings.SetAreaAsync(c, tx, Council, 100_000_000_004, "OAK");
            await PropertyListings.SetAreaAsync(c, tx, Council, 100_000_000_003, "WLD");
            return 0;
        });
    }

    [Fact]
    public async Task Listings_read_back_with_kind_band_and_charging_area_and_leave_out_unknown_uprns()
    {
        await ListAsync();

        var found = await ReadAsync(c => PropertyListings.ForAsync(c, Council, [100_000_000_001, 100_000_000_002, 100_000_000_009]));

        found.Count.ShouldBe(2);
        found[100_000_000_001].ShouldBe(new PropertyListing(100_000_000_001, PropertyKind.Domestic, 'D', "OAK"));
        found[100_000_000_002].ShouldBe(new PropertyListing(100_000_000_002, PropertyKind.NonDomestic, null, null));
        (await ReadAsync(c => PropertyListings.OfAsync(c, Council, 100_000_000_004)))!.Band.ShouldBe('B');
        (await ReadAsync(c => PropertyListings.OfAsync(c, Councils.Other, 100_000_000_004))).ShouldBeNull();
        (await ReadAsync(c => PropertyListings.InAreaAsync(c, Council, "OAK"))).ShouldBe([100_000_000_001, 100_000_000_004]);
    }

    [Fact]
    public async Task Domestic_properties_are_read_a_page_at_a_time_in_uprn_order()
    {
        // The annual billing run reads the list in chunks after the last UPRN of the chunk before.
        await ListAsync();

        var first = await ReadAsync(c => PropertyListings.DomesticAfterAsync(c, Council, 0, 2));
        var next = await ReadAsync(c => PropertyListings.DomesticAfterAsync(c, Council, first[^1].Uprn, 2));

        first.Select(p => p.Uprn).ShouldBe([100_000_000_001, 100_000_000_003]);
        next.Select(p => p.Uprn).ShouldBe([100_000_000_004]);
        (await ReadAsync(c => PropertyListings.CountDomesticAsync(c, Council))).ShouldBe(3);
    }
}
