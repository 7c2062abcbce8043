using Dapper;
using NodaTime;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class CorrespondenceAddressesOnSqlite() : CorrespondenceAddressesTests(new SqliteEngine());

public sealed class CorrespondenceAddressesOnPostgres() : CorrespondenceAddressesTests(new PostgresEngine());

public abstract class CorrespondenceAddressesTests(IDatabaseEngine engine) : PeopleTest(engine)
{
    [Fact]
    public async Task Letters_go_to_the_newest_address_still_in_use_or_to_the_dwelling_when_there_is_none()
    {
        var withAddresses = await RecordPersonAsync("Ann", "Cole");
        var without = await RecordPersonAsync("Ben", "Cole");
        await InTransactionAsync(async (c, tx) =>
        {
            foreach (var (seq, from, to) in new[] { (11, new LocalDate(2020, 1, 1), (LocalDate?)null), (12, new LocalDate(2023, 1, 1), null), (13, new LocalDate(2024, 1, 1), new LocalDate(2024, 6, 30)) })
            {
                await c.ExecuteAsync(
                    "insert into party_address (council_id, party_id, address_seq, address_line1, town, postcode, valid_from, valid_to) values (@council, @party, @seq, 'x', 'x', 'x', @from, @to)",
                    new { council = Council.Value, party = withAddresses, seq, from, to }, tx);
            }

            return 0;
        });

        (await ReadAsync(c => CorrespondenceAddresses.NewestOpenAsync(c, Council, withAddresses))).ShouldBe(12);
        (await ReadAsync(c => CorrespondenceAddresses.NewestOpenAsync(c, Council, without))).ShouldBeNull();
    }
}
