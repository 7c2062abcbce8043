using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.TestKit;
using Reeve.CouncilTax.Tests.Features;

namespace Reeve.CouncilTax.Tests;

public abstract class DwellingFactsWriterTests(IDatabaseEngine engine) : DwellingTest(engine)
{
    [Fact]
    public async Task Facts_written_in_bulk_read_back_as_the_dwellings_facts()
    {
        // A council's existing records taken on at once: a couple, an owner, and a premium with the day it became empty.
        await DwellingAsync('D', 2025);
        var pat = await PersonAsync("Pat", "Reed", new LocalDate(1970, 1, 1));
        var sam = await PersonAsync("Sam", "Reed", new LocalDate(1972, 1, 1));
        var landlord = await PersonAsync("Lee", "Lord", new LocalDate(1960, 1, 1));

        await InTransactionAsync(async (c, tx) =>
        {
            await DwellingFactsWriter.WriteAsync(c, tx, Council,
                [new(Uprn, pat, new LocalDate(2010, 1, 1), new LocalDate(2019, 12, 31), Interest.Freeholder, null),
                 new(Uprn, sam, new LocalDate(2010, 1, 1), new LocalDate(2019, 12, 31), Interest.OtherResident, pat)],
                [new(Uprn, landlord, new LocalDate(2020, 1, 1))],
                [new(Uprn, new RecordAward.Award("second-home", null, null, 50, null, new LocalDate(2021, 1, 1), null, "Inspection", new LocalDate(2026, 1, 1)))],
                "import", Now);
            return 0;
        });

        var facts = (await ReadAsync(c => DwellingFactsStore.LoadAsync(c, null, Council, Uprn))).ShouldNotBeNull();
        facts.Residents.ShouldBe([new Residence(pat, new LocalDate(2010, 1, 1), new LocalDate(2019, 12, 31), Interest.Freeholder, null),
                                  new Residence(sam, new LocalDate(2010, 1, 1), new LocalDate(2019, 12, 31), Interest.OtherResident, pat)]);
        facts.Owners.ShouldBe([new Ownership(landlord, new LocalDate(2020, 1, 1), null)]);
        facts.Premiums.ShouldBe([new PremiumAward(new SecondHome(50), new LocalDate(2021, 1, 1), null)]);
    }
}

public sealed class DwellingFactsWriterOnSqlite() : DwellingFactsWriterTests(new SqliteEngine());

public sealed class DwellingFactsWriterOnPostgres() : DwellingFactsWriterTests(new PostgresEngine());
