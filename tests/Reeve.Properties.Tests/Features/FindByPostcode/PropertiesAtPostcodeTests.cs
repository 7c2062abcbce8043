using Reeve.TestKit;

namespace Reeve.Properties.Tests;

public sealed class PropertiesAtPostcodeOnSqlite() : PropertiesAtPostcodeTests(new SqliteEngine());

public sealed class PropertiesAtPostcodeOnPostgres() : PropertiesAtPostcodeTests(new PostgresEngine());

public abstract class PropertiesAtPostcodeTests(IDatabaseEngine engine) : PropertiesTest(engine)
{
    [Fact]
    public async Task A_postcode_written_without_its_space_or_in_lower_case_finds_the_properties_there_up_to_the_limit()
    {
        await AddDwellingAsync(10003, "3 Mill Lane", "M1 1AE");
        await AddDwellingAsync(10001, "1 Mill Lane", "M1 1AE");
        await AddDwellingAsync(10002, "2 Mill Lane", "M1 1AE");
        await AddDwellingAsync(10004, "4 Yard Row", "M1 1AF");

        (await ReadAsync(c => PropertiesAtPostcode.UprnsAsync(c, Council, "m11ae", 10))).ShouldBe([10001L, 10002L, 10003L]);
        (await ReadAsync(c => PropertiesAtPostcode.UprnsAsync(c, Council, "M1 1AE", 2))).ShouldBe([10001L, 10002L]);
        (await ReadAsync(c => PropertiesAtPostcode.UprnsAsync(c, Council, "M1 1AG", 10))).ShouldBeEmpty();
    }
}
