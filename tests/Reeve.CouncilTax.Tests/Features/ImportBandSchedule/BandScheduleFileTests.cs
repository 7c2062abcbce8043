using System.Text;
using NodaTime;
using Reeve.CouncilTax.Domain;

namespace Reeve.CouncilTax.Tests.Features;

public class BandScheduleFileTests
{
    private const string Header = "schedule_reference,uprn,address_line1,address_line2,town,postcode,band,effective_date,reason_code,comment,area_code";

    private static BandScheduleFile.Parsed Parse(params string[] lines) => BandScheduleFile.Parse(string.Join("\r\n", [Header, .. lines]) + "\r\n");

    [Fact]
    public void A_good_file_reads_into_lines_with_their_reason_band_and_date()
    {
        var parsed = Parse(
            "CTS/2025/014,100000000123,1 Mill Lane,,Wealdmoor,WD1 1AB,c,2024-04-01,AMD,Band reduced on appeal,",
            "CTS/2025/014,100000000200,\"Flat 2, The Maltings\",Mill Lane,Wealdmoor,wd12ab,B,2025-05-01,new,New build,WLD",
            "CTS/2025/014,100000000124,3 Mill Lane,,Wealdmoor,WD1 1AB,,2025-05-01,DEL,Demolished,");

        parsed.Problems.ShouldBeEmpty();
        parsed.Lines.Select(l => (l.Line, l.Reason, l.Band)).ShouldBe(
            [(2, ScheduleReason.BandChange, Band.C), (3, ScheduleReason.NewEntry, Band.B), (4, ScheduleReason.Deletion, (Band?)null)]);
        parsed.Lines[0].EffectiveFrom.ShouldBe(new LocalDate(2024, 4, 1));
        parsed.Lines[1].AddressLine1.ShouldBe("Flat 2, The Maltings");
        parsed.Lines[1].AreaCode.ShouldBe("WLD");
    }

    [Theory]
    [InlineData("CTS/1,1000000001234,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,", "uprn")]
    [InlineData("CTS/1,12A4,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,", "uprn")]
    [InlineData("CTS/1,0,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,", "uprn")]
    [InlineData("CTS/1,123,1 Mill Lane,,Wealdmoor,WD1 1AB,J,2024-04-01,AMD,,", "band")]
    [InlineData("CTS/1,123,1 Mill Lane,,Wealdmoor,WD1 1AB,,2024-04-01,AMD,,", "band")]
    [InlineData("CTS/1,123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2025-02-29,AMD,,", "effective_date")]
    [InlineData("CTS/1,123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,01/04/2024,AMD,,", "effective_date")]
    [InlineData("CTS/1,123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,1990-04-01,AMD,,", "effective_date")]
    [InlineData("CTS/1,123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,XYZ,,", "reason_code")]
    [InlineData("CTS/1,123,1 Mill Lane,,Wealdmoor,WD1,C,2024-04-01,NEW,,", "postcode")]
    [InlineData("CTS/1,123,,,Wealdmoor,WD1 1AB,C,2024-04-01,NEW,,", "address_line1")]
    [InlineData(",123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,", "schedule_reference")]
    [InlineData("CTS/1,123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,WLD", "area_code")]
    [InlineData("CTS/1,123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,", "(line)")]
    public void A_malformed_line_is_refused_naming_its_line_and_field(string line, string field)
    {
        var parsed = Parse("CTS/1,555,5 Mill Lane,,Wealdmoor,WD1 1AB,D,2024-04-01,AMD,,", line);

        var problem = parsed.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(3);
        problem.Field.ShouldBe(field);
        problem.ToString().ShouldStartWith($"line 3, field {field}: ");
    }

    [Fact]
    public void Two_lines_for_the_same_uprn_and_date_are_refused()
    {
        var parsed = Parse(
            "CTS/1,123,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,",
            "CTS/2,123,1 Mill Lane,,Wealdmoor,WD1 1AB,B,2024-04-01,AMD,,");

        var problem = parsed.Problems.ShouldHaveSingleItem();
        problem.ToString().ShouldBe("line 3, field effective_date: line 2 already alters UPRN 123 from 2024-04-01");
    }

    [Fact]
    public void Every_problem_on_every_line_is_reported()
    {
        var parsed = Parse(
            "CTS/1,12A,1 Mill Lane,,Wealdmoor,WD1 1AB,Z,2024-04-01,AMD,,",
            "CTS/1,124,1 Mill Lane,,Wealdmoor,WD1 1AB,C,2024-13-01,AMD,,");

        parsed.Problems.Select(p => (p.Line, p.Field)).ShouldBe([(2, "uprn"), (2, "band"), (3, "effective_date")]);
    }

    [Fact]
    public void A_header_missing_a_required_column_or_with_an_unknown_one_is_refused()
    {
        var parsed = BandScheduleFile.Parse("schedule_reference,uprn,address_line1,town,postcode,band,reason_code,rateable_value\n1,2,3,4,5,6,7,8\n");

        parsed.Problems.Select(p => p.ToString()).ShouldBe(
        [
            "line 1, field effective_date: this column is required in the header",
            "line 1, field rateable_value: not a column of a band schedule (see docs/domain/band-schedule-import.md)",
        ]);
        parsed.Lines.ShouldBeEmpty();
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_and_a_byte_order_mark_is_not()
    {
        var latin1 = Encoding.Latin1.GetBytes(Header + "\nCTS/1,123,Caf\u00e9 Row,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,\n");
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\nCTS/1,123,Caf\u00e9 Row,,Wealdmoor,WD1 1AB,C,2024-04-01,AMD,,\n")).ToArray();

        BandScheduleFile.Parse(latin1).Problems.ShouldHaveSingleItem().Field.ShouldBe("(file)");
        BandScheduleFile.Parse(withBom).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_header_with_no_lines_is_refused()
    {
        BandScheduleFile.Parse(Header + "\n").Problems.ShouldHaveSingleItem().Field.ShouldBe("(header)");
    }
}
