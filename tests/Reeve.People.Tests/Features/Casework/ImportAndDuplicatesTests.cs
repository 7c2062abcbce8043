using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class ImportAndDuplicatesOnSqlite() : ImportAndDuplicatesTests(new SqliteEngine());

public sealed class ImportAndDuplicatesOnPostgres() : ImportAndDuplicatesTests(new PostgresEngine());

public abstract class ImportAndDuplicatesTests(IDatabaseEngine engine) : CaseworkTest(engine)
{
    private const string Csv =
        "reference,type,start_date,name,date_of_birth,postcode,source\n" +
        "BS-100,standard,2026-05-02,Ada Lovelace,1980-12-10,EM1 1AA,Insolvency Service email\n" +
        "BS-101,mental-health-crisis,2026-05-03,\"Nobody, Known\",1970-01-01,,\n";

    private async Task<long> PersonAsync(string forenames, string surname, LocalDate? born, string? postcode = null, long? uprn = null)
    {
        var request = Person(forenames, surname) with
        {
            DateOfBirth = born,
            Address = postcode is null ? null : new RecordParty.PostalAddressInput(uprn, "1 High Street", null, null, "Eastmere", postcode),
        };
        return (await RecordAsync(request)).ShouldBeOfType<Outcome<long>.Done>().Value;
    }

    private Task<Outcome<BreathingSpaceCsv.Imported>> ImportAsync(string text) =>
        ReadAsync(c => BreathingSpaceCsv.ImportAsync(c, Council, text, "test-import", Now));

    [Fact]
    public async Task A_notification_file_holds_the_matched_person_and_queues_the_unknown_one_and_a_second_import_records_nothing_new()
    {
        var ada = await PersonAsync("Ada", "Lovelace", new LocalDate(1980, 12, 10));
        var account = await LiableAccountAsync(ada);

        (await ImportAsync(Csv)).ShouldBeOfType<Outcome<BreathingSpaceCsv.Imported>.Done>().Value.ShouldBe(new BreathingSpaceCsv.Imported(2, 1, 1, 0));
        (await ImportAsync(Csv)).ShouldBeOfType<Outcome<BreathingSpaceCsv.Imported>.Done>().Value.ShouldBe(new BreathingSpaceCsv.Imported(2, 0, 0, 2));

        (await HoldsAsync(account)).ShouldHaveSingleItem().Reason.ShouldBe(HoldReason.BreathingSpace);
        (await ReadAsync(c => BreathingSpaces.UnmatchedAsync(c, Council))).ShouldHaveSingleItem().NotifiedName.ShouldBe("Nobody, Known");
    }

    [Fact]
    public async Task A_bad_line_refuses_the_whole_file_naming_the_line_and_field()
    {
        var bad = Csv + "BS-102,standard,2026-02-30,Someone Else,,,\n";

        var refused = (await ImportAsync(bad)).ShouldBeOfType<Outcome<BreathingSpaceCsv.Imported>.Invalid>();

        refused.Field.ShouldBe("line 4: start_date");
        (await ScalarAsync("select count(*) from breathing_space")).ShouldBe(0);
    }

    [Fact]
    public async Task A_notification_with_a_10000_character_reference_is_refused_and_holds_nothing()
    {
        var ada = await PersonAsync("Ada", "Lovelace", new LocalDate(1980, 12, 10));
        var account = await LiableAccountAsync(ada);
        var file = "reference,type,start_date,name,date_of_birth,postcode,source\n" +
            $"{new string('R', 10_000)},standard,2026-05-02,Ada Lovelace,1980-12-10,EM1 1AA,Insolvency Service email\n";

        var refused = (await ImportAsync(file)).ShouldBeOfType<Outcome<BreathingSpaceCsv.Imported>.Invalid>();

        refused.Field.ShouldBe("line 2: reference");
        refused.Message.ShouldContain("35 characters or fewer");
        (await ScalarAsync("select count(*) from breathing_space")).ShouldBe(0);
        (await HoldsAsync(account)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_notification_with_a_postcode_of_sql_is_refused_and_holds_nothing()
    {
        var ada = await PersonAsync("Ada", "Lovelace", new LocalDate(1980, 12, 10));
        var account = await LiableAccountAsync(ada);
        var notice = new BreathingSpaceNotice(MoratoriumKind.Standard, "BS-200", new LocalDate(2026, 5, 2), "Typed in", "Ada Lovelace", new LocalDate(1980, 12, 10), "' OR 1=1 --");

        var refused = (await InTransactionAsync((c, tx) => BreathingSpaces.RecordAsync(c, tx, Council, notice, "test-officer", Now))).ShouldBeOfType<Outcome<BreathingSpace>.Invalid>();

        refused.Field.ShouldBe("postcode");
        (await ScalarAsync("select count(*) from breathing_space")).ShouldBe(0);
        (await HoldsAsync(account)).ShouldBeEmpty();
    }

    [Fact]
    public void Two_records_with_the_same_name_date_of_birth_and_property_score_above_the_threshold_and_a_different_birth_date_below()
    {
        var a = new MatchProfile(1, new LocalDate(1980, 12, 10), [("Ada", "Lovelace")], [(100, "EM1 1AA")]);
        var b = new MatchProfile(2, new LocalDate(1980, 12, 10), [("Ada Augusta", "Lovelace")], [(100, "EM1 1AA")]);
        var c = b with { DateOfBirth = new LocalDate(1981, 12, 10) };

        LikelyDuplicates.Score(a, b).Score.ShouldBe(115);
        LikelyDuplicates.Score(a, c).Score.ShouldBeLessThan(LikelyDuplicates.Threshold);
    }

    [Fact]
    public async Task Likely_duplicates_are_listed_for_an_officer_and_only_a_confirmed_pair_merges_keeping_both_records()
    {
        var first = await PersonAsync("Ada", "Lovelace", new LocalDate(1980, 12, 10), "EM1 1AA");
        var second = await PersonAsync("Ada", "Lovelace", new LocalDate(1980, 12, 10), "EM1 1AA");
        await PersonAsync("Charles", "Babbage", new LocalDate(1980, 12, 10), "EM2 2BB");
        var account = await LiableAccountAsync(second);

        (await InTransactionAsync((c, tx) => LikelyDuplicates.FindAsync(c, tx, Council))).ShouldBe(1);
        (await InTransactionAsync((c, tx) => LikelyDuplicates.FindAsync(c, tx, Council))).ShouldBe(0);
        var pair = (await ReadAsync(c => LikelyDuplicates.OpenAsync(c, Council))).ShouldHaveSingleItem();
        (pair.PartyA, pair.PartyB).ShouldBe((first, second));
        (await InTransactionAsync((c, tx) => LikelyDuplicates.MergeAsync(c, tx, Council, first, second, "test-officer", Now)))
            .ShouldBeOfType<Outcome<string>.Invalid>();

        await InTransactionAsync((c, tx) => LikelyDuplicates.DecideAsync(c, tx, Council, first, second, true, "test-officer", Now));
        (await InTransactionAsync((c, tx) => LikelyDuplicates.MergeAsync(c, tx, Council, first, second, "test-officer", Now)))
            .ShouldBeOfType<Outcome<string>.Done>();

        (await ReadAsync(c => AccountStore.PartiesAsync(c, Council, account.AccountId))).ShouldHaveSingleItem().PartyId.ShouldBe(first);
        (await ReadAsync(c => LikelyDuplicates.MergedIntoAsync(c, Council, second))).ShouldBe(first);
        (await GetAsync(second)).ShouldNotBeNull().DisplayName.ShouldBe("Ada Lovelace");
        (await EventsAsync(account)).ShouldContain(e => e.Kind == "party-merged");
    }
}
