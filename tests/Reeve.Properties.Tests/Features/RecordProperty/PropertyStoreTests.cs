using Dapper;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Properties.Tests;

public sealed class PropertyStoreOnSqlite() : PropertyStoreTests(new SqliteEngine());

public sealed class PropertyStoreOnPostgres() : PropertyStoreTests(new PostgresEngine());

public abstract class PropertyStoreTests(IDatabaseEngine engine) : PropertiesTest(engine)
{
    [Fact]
    public async Task A_property_reads_back_as_it_was_added_with_its_postcode_normalised()
    {
        var added = (await AddAsync(new NewProperty(Council, 100023336956, "Flat 2", "14 High Street", "Eastbrook", "Anytown", "sw1a1aa",
            PropertyKind.Domestic, 'B'))).ShouldBeOfType<Outcome<Property>.Done>().Value;

        var read = await GetAsync(100023336956);

        read.ShouldBe(added);
        read.ShouldBe(new Property(Council, 100023336956, "Flat 2", "14 High Street", "Eastbrook", "Anytown", "SW1A 1AA",
            PropertyKind.Domestic, 'B', Version: 1));
    }

    [Fact]
    public async Task Many_properties_are_read_at_once_by_uprn_and_unknown_ones_are_absent()
    {
        var mill = (await AddAsync(Dwelling(10001, "1 Mill Lane", "M1 1AE"))).ShouldBeOfType<Outcome<Property>.Done>().Value;
        var yard = (await AddAsync(Dwelling(10002, "2 Yard Row", "M1 1AF"))).ShouldBeOfType<Outcome<Property>.Done>().Value;

        var read = await ReadAsync(c => PropertyStore.GetManyAsync(c, Council, [10001, 10002, 10003]));

        read.Count.ShouldBe(2);
        read[10001].ShouldBe(mill);
        read[10002].ShouldBe(yard);
    }

    [Fact]
    public async Task A_non_domestic_property_without_a_band_reads_back_without_one()
    {
        // Hereditaments are on the rating list, not the valuation list, so they have no council tax band.
        var shop = Dwelling(10001, "1 Market Square", "M1 1AE") with { Kind = PropertyKind.NonDomestic, Band = null };
        (await AddAsync(shop)).ShouldBeOfType<Outcome<Property>.Done>();

        var read = (await GetAsync(10001)).ShouldNotBeNull();

        read.Kind.ShouldBe(PropertyKind.NonDomestic);
        read.Band.ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_000_000_000)]
    public async Task A_UPRN_that_is_not_a_positive_number_of_up_to_12_digits_is_refused(long uprn)
    {
        // OS AddressBase UPRNs are positive integers of at most 12 digits.
        var outcome = await AddAsync(Dwelling(uprn, "1 High Street", "SW1A 1AA"));

        outcome.ShouldBeOfType<Outcome<Property>.Invalid>().Field.ShouldBe("uprn");
        await ShouldHoldNoPropertiesAsync();
    }

    [Fact]
    public async Task The_longest_UPRN_is_accepted()
    {
        (await AddAsync(Dwelling(999_999_999_999, "1 High Street", "SW1A 1AA"))).ShouldBeOfType<Outcome<Property>.Done>();
    }

    [Theory]
    [InlineData("QQ1 1AA")]
    [InlineData("12345")]
    [InlineData("")]
    public async Task A_postcode_that_is_not_real_is_refused(string postcode)
    {
        var outcome = await AddAsync(Dwelling(10001, "1 High Street", postcode));

        outcome.ShouldBeOfType<Outcome<Property>.Invalid>().Field.ShouldBe("postcode");
        await ShouldHoldNoPropertiesAsync();
    }

    [Theory]
    [InlineData('I')]
    [InlineData('Z')]
    [InlineData('a')]
    public async Task A_band_outside_A_to_H_is_refused(char band)
    {
        // Valuation bands in England are A to H (LGFA 1992 s5(2)).
        var outcome = await AddAsync(Dwelling(10001, "1 High Street", "SW1A 1AA") with { Band = band });

        outcome.ShouldBeOfType<Outcome<Property>.Invalid>().Field.ShouldBe("band");
        await ShouldHoldNoPropertiesAsync();
    }

    [Fact]
    public async Task An_address_without_a_first_line_or_town_is_refused()
    {
        (await AddAsync(Dwelling(10001, " ", "SW1A 1AA"))).ShouldBeOfType<Outcome<Property>.Invalid>().Field.ShouldBe("line1");
        (await AddAsync(Dwelling(10001, "1 High Street", "SW1A 1AA") with { Town = "" }))
            .ShouldBeOfType<Outcome<Property>.Invalid>().Field.ShouldBe("town");
    }

    [Fact]
    public async Task A_UPRN_already_on_the_list_is_a_conflict_and_the_first_property_stays()
    {
        await AddDwellingAsync(10001, "1 High Street", "SW1A 1AA");

        var duplicate = await AddAsync(Dwelling(10001, "99 Other Road", "M1 1AE"));

        duplicate.ShouldBeOfType<Outcome<Property>.Conflict>().Message.ShouldContain("10001");
        (await GetAsync(10001)).ShouldNotBeNull().Line1.ShouldBe("1 High Street");
    }

    [Fact]
    public async Task The_same_UPRN_may_be_on_two_councils_lists()
    {
        // Each council keeps its own list; one installation may serve neighbouring councils.
        await Councils.SeedOtherAsync(Db, Now);
        await AddDwellingAsync(10001, "1 High Street", "SW1A 1AA");

        var theirs = await AddAsync(Dwelling(10001, "1 High Street", "SW1A 1AA") with { Council = Councils.Other });

        theirs.ShouldBeOfType<Outcome<Property>.Done>();
    }

    private async Task ShouldHoldNoPropertiesAsync() =>
        (await ReadAsync(connection => connection.ExecuteScalarAsync<long>("select count(*) from property"))).ShouldBe(0);
}
