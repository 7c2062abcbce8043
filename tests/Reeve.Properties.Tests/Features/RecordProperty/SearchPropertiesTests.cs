using Reeve.TestKit;

namespace Reeve.Properties.Tests;

public sealed class SearchPropertiesOnSqlite() : SearchPropertiesTests(new SqliteEngine());

public sealed class SearchPropertiesOnPostgres() : SearchPropertiesTests(new PostgresEngine());

public abstract class SearchPropertiesTests(IDatabaseEngine engine) : PropertiesTest(engine)
{
    [Theory]
    [InlineData("High Street")]
    [InlineData("high street")]
    [InlineData("14 HIGH")]
    [InlineData("SW1A 1AA")]
    [InlineData("SW1A1AA")]
    [InlineData("sw1a1aa")]
    [InlineData("sw1a 1aa")]
    public async Task A_property_is_found_by_its_street_or_by_its_postcode_with_or_without_the_space_in_any_case(string text)
    {
        await AddDwellingAsync(10001, "14 High Street", "SW1A 1AA");
        await AddDwellingAsync(10002, "3 Mill Lane", "M1 1AE");

        (await SearchAsync(text)).ShouldHaveSingleItem().Uprn.ShouldBe(10001);
    }

    [Fact]
    public async Task A_property_added_with_a_postcode_typed_without_its_space_is_found_by_the_spaced_form()
    {
        await AddDwellingAsync(10001, "14 High Street", "sw1a1aa");

        (await SearchAsync("SW1A 1AA")).ShouldHaveSingleItem().Uprn.ShouldBe(10001);
    }

    [Fact]
    public async Task A_property_is_found_by_its_UPRN()
    {
        await AddDwellingAsync(100023336956, "14 High Street", "SW1A 1AA");
        await AddDwellingAsync(200004567890, "3 Mill Lane", "M1 1AE");

        (await SearchAsync("100023336956")).ShouldHaveSingleItem().Line1.ShouldBe("14 High Street");
    }

    [Fact]
    public async Task Every_word_typed_must_match()
    {
        await AddDwellingAsync(10001, "14 High Street", "SW1A 1AA");
        await AddDwellingAsync(10002, "3 High Street", "M1 1AE");

        (await SearchAsync("high street")).Count.ShouldBe(2);
        (await SearchAsync("high m1")).ShouldHaveSingleItem().Uprn.ShouldBe(10002);
        (await SearchAsync("high b33")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_property_of_another_council_is_never_found()
    {
        // Councils sharing an installation must never see each other's lists.
        await Councils.SeedOtherAsync(Db, Now);
        await AddDwellingAsync(10001, "14 High Street", "SW1A 1AA");
        (await AddAsync(Dwelling(20002, "14 High Street", "SW1A 1AA") with { Council = Councils.Other }))
            .ShouldBeOfType<Reeve.Kernel.Outcome<Property>.Done>();

        (await SearchAsync("high street")).ShouldHaveSingleItem().Uprn.ShouldBe(10001);
        (await SearchAsync("20002")).ShouldBeEmpty();
        (await SearchAsync("high street", Councils.Other)).ShouldHaveSingleItem().Uprn.ShouldBe(20002);
        (await GetAsync(20002)).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Searching_for_nothing_finds_nothing(string text)
    {
        await AddDwellingAsync(10001, "14 High Street", "SW1A 1AA");

        (await SearchAsync(text)).ShouldBeEmpty();
    }
}
