using NodaTime;
using Reeve.BusinessRates.Domain;
using static Reeve.BusinessRates.Tests.VoaLines;

namespace Reeve.BusinessRates.Tests.Domain;

public class ListEntriesFileTests
{
    [Fact]
    public void A_good_record_reads_into_an_entry_with_its_value_date_and_list()
    {
        var parsed = ListEntriesFile.Parse(File(Line(1, "00001000012345", "13500", uarn: "9876543")));

        parsed.Problems.ShouldBeEmpty();
        var entry = parsed.Entries.ShouldHaveSingleItem();
        (entry.Record, entry.BaReference, entry.Uarn, entry.RateableValuePounds, entry.ListYear).ShouldBe((1, "00001000012345", 9876543L, 13500L, 2023));
        entry.EffectiveFrom.ShouldBe(new LocalDate(2023, 4, 1));
        (entry.DescriptionCode, entry.Town, entry.Postcode).ShouldBe(("CS", "WEALDMOOR", "WD1 1AA"));
    }

    [Fact]
    public void An_address_holding_asterisks_is_read_whole_from_between_the_first_7_and_last_20_fields()
    {
        var parsed = ListEntriesFile.Parse(File(Line(1, "A1", "5000", address: "UNIT 3*THE YARD*MILL LANE")));

        parsed.Problems.ShouldBeEmpty();
        parsed.Entries.ShouldHaveSingleItem().Address.ShouldBe("UNIT 3*THE YARD*MILL LANE");
    }

    [Fact]
    public void An_entry_from_April_2026_belongs_to_the_2026_list()
    {
        ListEntriesFile.Parse(File(Line(1, "A1", "5000", effective: "01-APR-2026"))).Entries.ShouldHaveSingleItem().ListYear.ShouldBe(2026);
    }

    [Theory]
    [InlineData("1*0435*x*A1*CS*SHOP*123*ADDR*", "(record)")]
    [InlineData("BADDATE", "effective date")]
    [InlineData("OLDDATE", "effective date")]
    [InlineData("NEGATIVE", "rateable value")]
    [InlineData("NOTNUMBER", "rateable value")]
    [InlineData("UARN", "UARN")]
    [InlineData("NOREF", "BA reference")]
    [InlineData("LONGCODE", "billing authority code")]
    public void A_malformed_record_is_refused_naming_its_record_and_field(string which, string field)
    {
        var bad = which switch
        {
            "BADDATE" => Line(2, "B2", "100", effective: "31-APR-2023"),
            "OLDDATE" => Line(2, "B2", "100", effective: "01-APR-2017"),
            "NEGATIVE" => Line(2, "B2", "-100"),
            "NOTNUMBER" => Line(2, "B2", "12,500"),
            "UARN" => Line(2, "B2", "100", uarn: "12A"),
            "NOREF" => Line(2, "", "100"),
            "LONGCODE" => Line(2, "B2", "100", baCode: "04350"),
            _ => which,
        };

        var parsed = ListEntriesFile.Parse(File(Line(1, "A1", "5000"), bad));

        var problem = parsed.Problems.ShouldHaveSingleItem();
        (problem.Record, problem.Field).ShouldBe((2, field));
        problem.ToString().ShouldStartWith($"record 2, field {field}: ");
        parsed.Entries.Select(e => e.BaReference).ShouldBe(["A1"]);
    }

    [Fact]
    public void A_record_with_no_rateable_value_is_a_deletion_counted_and_not_applied()
    {
        var parsed = ListEntriesFile.Parse(File(Line(1, "A1", "5000"), Line(2, "B2", "")));

        parsed.Problems.ShouldBeEmpty();
        parsed.DeletionRecords.ShouldBe(1);
        parsed.Entries.Select(e => e.BaReference).ShouldBe(["A1"]);
    }

    [Fact]
    public void The_same_BA_reference_twice_is_refused()
    {
        var parsed = ListEntriesFile.Parse(File(Line(1, "A1", "5000"), Line(2, "A1", "6000")));

        parsed.Problems.ShouldHaveSingleItem().ToString().ShouldBe("record 2, field BA reference: record 1 already lists BA reference A1; a list entries file has one current entry per hereditament");
    }
}
